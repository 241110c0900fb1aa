/**
 * What the suite proved, per target and operation, read from the traffic itself: each
 * response is matched to its operation and validated against the spec, and the statuses
 * seen are recorded. The wiring report reads the files written here.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Statuses seen per operation, for one target. */
export type CoverageRecord = Record<string, number[]>;

export const coverageDir = join(import.meta.dirname, '../../../reports/contract');

const seen = new Map<string, Map<string, Set<number>>>();

/** Notes that `operationId` answered `status` on `target`, valid against the spec. */
export function recordCoverage(target: string, operationId: string, status: number): void {
  const byOp = seen.get(target) ?? new Map<string, Set<number>>();
  seen.set(target, byOp);
  const statuses = byOp.get(operationId) ?? new Set<number>();
  byOp.set(operationId, statuses);
  statuses.add(status);
}

/**
 * Forgets what earlier test files saw: the contract suites share their worker's process, and a
 * file's coverage must hold only its own traffic (run before each file, see vitest.config.ts).
 */
export function resetCoverage(): void {
  seen.clear();
}

/** Writes this test file's coverage, one JSON file per target and file. */
export function flushCoverage(fileTag: string): void {
  for (const [target, byOp] of seen) {
    const dir = join(coverageDir, target);
    mkdirSync(dir, { recursive: true });
    const record: CoverageRecord = Object.fromEntries([...byOp].map(([op, statuses]) => [op, [...statuses].sort()]));
    writeFileSync(join(dir, `${fileTag}.json`), `${JSON.stringify(record, null, 2)}\n`);
  }
}
