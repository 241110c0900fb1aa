/**
 * The "dashboard replay" column: for each operation the AeroDB dashboard calls
 * (contract-tests/fixtures/aerodb-calls.tsv), what the replay suite
 * (contract-tests/src/dashboard-replay.test.ts) saw on SQLite and on PostgreSQL, read from
 * reports/dashboard-replay/<engine>.json. An operation the dashboard never calls has nothing
 * to replay and no gap.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { matchOperation, operations } from '@lockstep/contract';

/** One call's result as the replay writes it. */
interface ReplayResult {
  method: string;
  path: string;
  operationId?: string;
  verdict: 'pass' | 'fail' | 'module not built' | 'unsupported deployment';
  problem?: string;
}

const ENGINES = ['sqlite', 'postgres'] as const;
const opList = Object.entries(operations).map(([operationId, op]) => ({ operationId, ...op }));

/** The operations the dashboard's calls hit, read from the vendored call list. */
export function dashboardOperations(tsvFile: string): Set<string> {
  const rows = readFileSync(tsvFile, 'utf8').trim().split('\n').slice(1);
  const ids = rows.map((row) => {
    const [method, path] = row.split('\t');
    return matchOperation(opList, method, path.replace(/\{[^}]+\}/g, 'sample-id'))?.operationId;
  });
  return new Set(ids.filter((id): id is string => id !== undefined));
}

/** Each engine's replay results, or undefined for an engine the replay has not run on. */
export function readReplay(reportsDir: string): Record<string, ReplayResult[] | undefined> {
  return Object.fromEntries(
    ENGINES.map((engine) => {
      const file = join(reportsDir, 'dashboard-replay', `${engine}.json`);
      return [engine, existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ReplayResult[]) : undefined];
    }),
  );
}

/** What keeps an operation's dashboard calls from passing the replay on both engines; empty when they pass or it has none. */
export function replayGaps(
  operationId: string,
  called: Set<string>,
  replay: Record<string, ReplayResult[] | undefined>,
): string[] {
  if (!called.has(operationId)) return [];
  const gaps = new Set<string>();
  for (const engine of ENGINES) {
    const results = replay[engine];
    if (!results) {
      gaps.add(`not replayed on ${engine}`);
      continue;
    }
    const mine = results.filter((r) => r.operationId === operationId);
    if (mine.length === 0) gaps.add(`not replayed on ${engine}`);
    for (const r of mine) {
      if (r.verdict === 'module not built') gaps.add('module not built');
      if (r.verdict === 'fail') gaps.add(`${engine}: ${r.method} ${r.path}: ${r.problem}`);
      // SQLite is one node by design: replication's documented 409 is its right answer there.
      if (r.verdict === 'unsupported deployment' && engine !== 'sqlite')
        gaps.add(`${engine}: ${r.method} ${r.path}: ${r.problem}`);
    }
  }
  return [...gaps];
}

/**
 * The operations SQLite refuses by design: the replay saw each of their calls answer the
 * documented 409 UNSUPPORTED_DEPLOYMENT there (SQLite is one node, so it has no replica).
 */
export function refusedOnSqlite(replay: Record<string, ReplayResult[] | undefined>): Set<string> {
  const results = replay.sqlite ?? [];
  const refused = results.filter((r) => r.verdict === 'unsupported deployment').map((r) => r.operationId);
  const ids = new Set(refused.filter((id): id is string => id !== undefined));
  for (const r of results) if (r.operationId && r.verdict !== 'unsupported deployment') ids.delete(r.operationId);
  return ids;
}
