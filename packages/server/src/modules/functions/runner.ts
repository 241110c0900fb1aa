/**
 * One invocation, start to finish: claim it (a trigger's key makes it run once across
 * instances), open the function's secrets, run its active version in the sandbox with the
 * function's limits, and record the outcome with what it logged and used.
 */
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { nowIso } from '../../clock';
import type { ServerEvents } from '../../data/server-events';
import type { FunctionInvocationRow, FunctionLogRow, FunctionRow } from '../../db/tables';
import { type FunctionsOptions, MAX_FETCHES, MAX_LOG_CHARS, MAX_LOG_LINES, MAX_RESULT_BYTES } from './options';
import type { SandboxPool } from './sandbox/pool';
import type { SandboxJob, SandboxOutcome } from './sandbox/protocol';
import type { EnvVarsVault } from './secrets';
import type { FunctionsStore } from './store';
import { type PublicInvocation, toPublicInvocation, toPublicLog } from './view';

/** What ran a function, and what it tells the function about itself. */
export interface InvocationOrigin {
  trigger: 'http' | 'cron' | 'event' | 'operation';
  /** Unique per tick or change: a second claim of it (another instance) does not run. */
  triggerKey?: string;
  /** The caller, or null for a trigger. */
  user: { id: string; role: string } | null;
  /** Given to the function as `context.trigger`. */
  details?: Record<string, unknown>;
  /** Given to the function as `context.request` (HTTP only). */
  request?: { method: string; headers: Record<string, string> };
  /** A pre-made invocation id (an async invocation answers it before the run). */
  invocationId?: string;
}

/** Runs invocations and records them. */
export class Runner {
  constructor(
    private readonly store: FunctionsStore,
    private readonly vault: EnvVarsVault,
    private readonly pool: SandboxPool,
    private readonly options: FunctionsOptions,
    private readonly events?: ServerEvents,
  ) {}

  /** Runs `fn`'s active version with `payload`; undefined when another instance claimed the trigger key. */
  async invoke(
    fn: Selectable<FunctionRow>,
    payload: unknown,
    origin: InvocationOrigin,
  ): Promise<PublicInvocation | undefined> {
    const version = await this.store.version(fn.id, Number(fn.version));
    if (!version) throw new Error(`function ${fn.id} has no version ${fn.version}`);
    const payloadJson = JSON.stringify(payload ?? {});
    const row: FunctionInvocationRow = {
      id: origin.invocationId ?? randomUUID(),
      function_id: fn.id,
      version: Number(fn.version),
      trigger: origin.trigger,
      trigger_key: origin.triggerKey ?? null,
      payload: payloadJson,
      result: null,
      error: null,
      error_code: null,
      status: 'running',
      duration_ms: 0,
      cpu_ms: 0,
      memory_bytes: 0,
      bytes: 0,
      invoked_at: nowIso(),
    };
    if (!(await this.store.claim(row))) return undefined;
    const outcome = await this.runJob(fn, version.compiled, payloadJson, row.id, origin);
    const finished = this.finished(row, outcome);
    const logs = this.logRows(fn.id, row.id, outcome);
    await this.store.finish(finished, logs);
    await this.told(finished);
    return toPublicInvocation(finished, logs.map(toPublicLog));
  }

  private async runJob(
    fn: Selectable<FunctionRow>,
    compiled: string,
    payloadJson: string,
    invocationId: string,
    origin: InvocationOrigin,
  ): Promise<SandboxOutcome> {
    let job: SandboxJob;
    try {
      job = this.jobOf(fn, compiled, payloadJson, invocationId, origin);
    } catch {
      // The env vars were sealed under another server secret: the run cannot start.
      const error = "The function's env_vars cannot be opened (was the server secret changed?); set them again.";
      return { status: 'error', errorCode: 'FUNCTION_ERROR', error, logs: [], durationMs: 0, cpuMs: 0, memoryBytes: 0 };
    }
    return this.pool.run(job);
  }

  private jobOf(
    fn: Selectable<FunctionRow>,
    compiled: string,
    payloadJson: string,
    invocationId: string,
    origin: InvocationOrigin,
  ): SandboxJob {
    const timeoutMs = Number(fn.timeout_ms);
    const context: Record<string, unknown> = {
      function_id: fn.id,
      invocation_id: invocationId,
      user: origin.user,
      env: this.vault.open(fn.env_vars),
      trigger: { type: origin.trigger === 'operation' ? 'http' : origin.trigger, ...origin.details },
    };
    if (origin.request) context.request = origin.request;
    return {
      code: compiled,
      payloadJson,
      contextJson: JSON.stringify(context),
      limits: {
        timeoutMs,
        cpuMs: Math.min(timeoutMs, this.options.cpuLimitMs),
        memoryBytes: Number(fn.memory_mb) * 1024 * 1024,
        maxResultBytes: MAX_RESULT_BYTES,
        maxLogLines: MAX_LOG_LINES,
        maxLogChars: MAX_LOG_CHARS,
        maxFetches: MAX_FETCHES,
      },
      fetch: { allowedHosts: JSON.parse(fn.allowed_hosts), allowPrivateNetwork: this.options.allowPrivateNetwork },
    };
  }

  private async told(run: FunctionInvocationRow): Promise<void> {
    const event = run.status === 'success' ? 'functions.invocation.succeeded' : 'functions.invocation.failed';
    await this.events?.emit(event, {
      function_id: run.function_id,
      invocation_id: run.id,
      status: run.status,
      duration_ms: run.duration_ms,
      error: run.error,
    });
  }

  private finished(row: FunctionInvocationRow, outcome: SandboxOutcome): FunctionInvocationRow {
    return {
      ...row,
      status: outcome.status,
      result: outcome.status === 'success' ? (outcome.resultJson ?? 'null') : null,
      error: outcome.status === 'success' ? null : (outcome.error ?? 'The function failed.'),
      error_code: outcome.status === 'success' ? null : (outcome.errorCode ?? 'FUNCTION_ERROR'),
      duration_ms: Math.round(outcome.durationMs * 100) / 100,
      cpu_ms: Math.round(outcome.cpuMs * 100) / 100,
      memory_bytes: outcome.memoryBytes,
      bytes: row.payload.length + (outcome.resultJson?.length ?? 0),
    };
  }

  private logRows(functionId: string, invocationId: string, outcome: SandboxOutcome): FunctionLogRow[] {
    return outcome.logs.map((log, seq) => ({
      id: randomUUID(),
      function_id: functionId,
      invocation_id: invocationId,
      seq,
      level: log.level,
      message: log.message,
      timestamp: new Date(log.at).toISOString(),
    }));
  }
}
