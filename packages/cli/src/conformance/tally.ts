/** Counts check results per operation, per tag and overall. */
import type { SuiteReport } from './suite';
import type { CheckResult } from './types';

/** How many checks ended each way. */
export type Tally = {
  cases: number;
  passed: number;
  failed: number;
  /** The spec does not say: fails only with --strict. */
  specGaps: number;
  /** The tool cannot judge. */
  unsure: number;
  notImplemented: number;
  skipped: number;
  warnings: number;
  /** Generated cases sent by fuzz checks. */
  fuzzCases: number;
};

/** Counts `results`. */
export function tally(results: CheckResult[]): Tally {
  const t: Tally = {
    cases: 0,
    passed: 0,
    failed: 0,
    specGaps: 0,
    unsure: 0,
    notImplemented: 0,
    skipped: 0,
    warnings: 0,
    fuzzCases: 0,
  };
  for (const r of results) {
    t.cases++;
    if (r.outcome === 'passed') t.passed++;
    else if (r.outcome === 'failed') t.failed++;
    else if (r.outcome === 'spec-gap') t.specGaps++;
    else if (r.outcome === 'unsure') t.unsure++;
    else if (r.outcome === 'not-implemented') t.notImplemented++;
    else t.skipped++;
    if (r.warning) t.warnings++;
    t.fuzzCases += r.runs ?? 0;
  }
  return t;
}

/** One tag's operations with their tallies, in running order. */
export type TagTally = { tag: string; operations: { operationId: string; tally: Tally }[]; total: Tally };

/** The report grouped by tag (in the order tags first ran), each operation counted once. */
export function tallyByTag(report: SuiteReport): TagTally[] {
  const tags = [...new Set(report.operations.map((op) => op.tag))];
  return tags.map((tag) => {
    const ops = report.operations.filter((op) => op.tag === tag);
    const results = report.results.filter((r) => r.tag === tag);
    return {
      tag,
      operations: ops.map((op) => ({
        operationId: op.operationId,
        tally: tally(results.filter((r) => r.operationId === op.operationId)),
      })),
      total: tally(results),
    };
  });
}
