/** The text report: a table per tag, then the failures (and, verbose, the warnings), then one summary line. */
import type { SuiteReport } from './suite';
import { type Tally, tally, tallyByTag } from './tally';

const COLUMNS = ['cases', 'passed', 'failed', 'spec gap', 'unsure', 'not implemented', 'skipped'] as const;

function cells(t: Tally): number[] {
  return [t.cases, t.passed, t.failed, t.specGaps, t.unsure, t.notImplemented, t.skipped];
}

/** The tables, failures and summary of a run; `strict`: spec gaps count as failures. */
export function renderTable(report: SuiteReport, options: { verbose?: boolean; strict?: boolean } = {}): string {
  const lines: string[] = [];
  const groups = tallyByTag(report);
  const width = Math.max(9, ...report.operations.map((op) => op.operationId.length)) + 2;
  for (const group of groups) {
    lines.push(`${group.tag}`);
    lines.push(`  ${'operation'.padEnd(width)}${COLUMNS.map((c) => c.padStart(c.length + 2)).join('')}`);
    const row = (name: string, t: Tally) =>
      `  ${name.padEnd(width)}${cells(t)
        .map((n, i) => String(n).padStart(COLUMNS[i].length + 2))
        .join('')}`;
    for (const op of group.operations) lines.push(row(op.operationId, op.tally));
    lines.push(row('total', group.total));
    lines.push('');
  }
  const failed = report.results.filter((r) => r.outcome === 'failed');
  if (failed.length > 0) {
    lines.push(`Failures (${failed.length}):`);
    for (const r of failed) lines.push(`  ✗ ${r.message}`, `      ${r.name} · ${r.method} ${r.path}`);
    lines.push('');
  }
  const gaps = report.results.filter((r) => r.outcome === 'spec-gap');
  if (gaps.length > 0) {
    lines.push(`Spec gaps (${gaps.length}${options.strict ? ', failing with --strict' : '; --strict fails on them'}):`);
    for (const r of gaps) lines.push(`  ? ${r.message}`, `      ${r.name} · ${r.method} ${r.path}`);
    lines.push('');
  }
  const unsure = report.results.filter((r) => r.outcome === 'unsure');
  if (unsure.length > 0) {
    lines.push(`Unsure (${unsure.length}):`);
    for (const r of unsure) lines.push(`  ~ ${r.message}`, `      ${r.name} · ${r.method} ${r.path}`);
    lines.push('');
  }
  const warned = report.results.filter((r) => r.warning);
  if (warned.length > 0 && options.verbose) {
    lines.push(`Warnings (${warned.length}):`);
    for (const r of warned) lines.push(`  ! ${r.warning}`, `      ${r.name} · ${r.method} ${r.path}`);
    lines.push('');
  }
  if (options.verbose) {
    const other = report.results.filter((r) => r.outcome === 'not-implemented' || r.outcome === 'skipped');
    if (other.length > 0) lines.push(`Not run or not implemented (${other.length}):`);
    for (const r of other) lines.push(`  - ${r.operationId} ${r.name}: ${r.outcome}, ${r.message}`);
    if (other.length > 0) lines.push('');
  }
  lines.push(summary(report, warned.length > 0 && !options.verbose, options.strict));
  return `${lines.join('\n')}\n`;
}

/** One line: the verdict, the counts, the fuzz seed, the time. */
export function summary(report: SuiteReport, hintWarnings = false, strict = false): string {
  const t = tally(report.results);
  const verdict = t.failed > 0 || (strict && t.specGaps > 0) ? 'FAILED' : 'passed';
  const warnings =
    t.warnings > 0 ? ` (${t.warnings} with warnings${hintWarnings ? ', --verbose lists them' : ''})` : '';
  const fuzz = report.fuzz > 0 ? `; ${t.fuzzCases} fuzz cases, seed ${report.seed}` : '';
  const { created, removed } = report.cleanup;
  const cleanup = created > 0 ? `; deleted ${removed} of the ${created} things it created` : '';
  return (
    `lockstep contract ${verdict}: ${t.failed} failed, ${t.specGaps} spec gaps, ${t.unsure} unsure, ${t.passed} passed${warnings}, ` +
    `${t.notImplemented} not implemented, ${t.skipped} skipped of ${t.cases} cases in ` +
    `${report.operations.length} operations${fuzz}${cleanup}; ${(report.ms / 1000).toFixed(1)} s`
  );
}
