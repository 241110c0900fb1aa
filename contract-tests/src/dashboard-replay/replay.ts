/**
 * Runs the dashboard's 170 calls against one server in the dashboard's order of use (setup
 * wizard, sign-in, then each page and service) and judges each: it passes when its status
 * is a success and the answer has every field the dashboard reads, with the type it reads.
 * A call whose operation the server has not built yet (`isNotImplemented`) is reported as
 * such, so it turns green by itself when its module lands.
 */
import { matchOperation, operations } from '@lockstep/contract';
import { handlers, isNotImplemented } from '@lockstep/server';
import { backupCalls, clusterCalls, snapshotCalls } from './calls-backup-cluster';
import {
  databaseCalls,
  databaseClosingCalls,
  databasePageCalls,
  operationCalls,
  restApiCalls,
  rlsCalls,
} from './calls-data';
import { functionCalls, observabilityCalls } from './calls-functions-observability';
import { realtimeCalls } from './calls-realtime';
import { authCalls, authClosingCalls, setupCalls, signInCalls } from './calls-setup-auth';
import { storagePageCalls, storageServiceCalls } from './calls-storage';
import type { Reply } from './dashboard-client';
import type { ReplayCall, ReplayContext } from './replay-call';
import { shapeProblem } from './shape';

/** Every call, in the order the dashboard makes them. */
export const replayOrder: ReplayCall[] = [
  ...setupCalls,
  ...signInCalls,
  ...authCalls,
  ...storagePageCalls,
  ...storageServiceCalls,
  ...databaseCalls,
  ...databasePageCalls,
  ...rlsCalls,
  ...restApiCalls,
  ...operationCalls,
  ...databaseClosingCalls,
  ...realtimeCalls,
  ...functionCalls,
  ...backupCalls,
  ...observabilityCalls,
  ...clusterCalls,
  ...snapshotCalls,
  ...authClosingCalls,
];

/** What happened to one call. */
export type Verdict = 'pass' | 'fail' | 'module not built' | 'unsupported deployment';

/** One call's result. */
export interface ReplayResult {
  method: string;
  path: string;
  operationId: string | undefined;
  verdict: Verdict;
  status: number;
  /** Why it failed: the status and the error's message, or the first field read wrongly. */
  problem?: string;
}

const opList = Object.entries(operations).map(([operationId, op]) => ({ operationId, ...op }));

/** The operation a call's path template hits (each `{param}` as one sample segment). */
export function operationOfCall(method: string, path: string): string | undefined {
  return matchOperation(opList, method, path.replace(/\{[^}]+\}/g, 'sample-id'))?.operationId;
}

/** Whether the server answers the operation with a module-not-built placeholder. */
export function isBuilt(operationId: string | undefined): boolean {
  const handler = operationId ? (handlers as Record<string, unknown>)[operationId] : undefined;
  return handler !== undefined && !isNotImplemented(handler);
}

function judge(replayCall: ReplayCall, reply: Reply): string | undefined {
  if (reply.status < 200 || reply.status >= 300) {
    const message = reply.body?.message ?? reply.body?.error?.message ?? '';
    return `status ${reply.status}${message ? `: ${message}` : ''}`;
  }
  if (replayCall.judge) return replayCall.judge(reply);
  return replayCall.reads ? shapeProblem(reply.body, replayCall.reads) : undefined;
}

/**
 * A built call that fails with 409 UNSUPPORTED_DEPLOYMENT is the documented answer of a
 * deployment that cannot do it (replication on SQLite): its own verdict, which the wiring
 * report accepts on SQLite only.
 */
function verdictOf(operationId: string | undefined, reply: Reply, problem: string | undefined): Verdict {
  if (!isBuilt(operationId)) return 'module not built';
  if (!problem) return 'pass';
  return reply.status === 409 && reply.body?.code === 'UNSUPPORTED_DEPLOYMENT' ? 'unsupported deployment' : 'fail';
}

/** Runs every call in order against the context's server. */
export async function runReplay(context: ReplayContext): Promise<ReplayResult[]> {
  const results: ReplayResult[] = [];
  for (const replayCall of replayOrder) {
    const operationId = operationOfCall(replayCall.method, replayCall.path);
    const base = { method: replayCall.method, path: replayCall.path, operationId };
    let reply: Reply;
    try {
      reply = await replayCall.send(context);
    } catch (error) {
      reply = {
        status: 0,
        body: { message: error instanceof Error ? error.message : String(error) },
        headers: new Headers(),
      };
    }
    const problem = judge(replayCall, reply);
    const verdict = verdictOf(operationId, reply, problem);
    results.push({ ...base, verdict, status: reply.status, ...(problem && verdict !== 'pass' ? { problem } : {}) });
  }
  return results;
}
