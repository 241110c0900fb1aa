/** Writes a replay's results where the wiring report reads them: reports/dashboard-replay/<engine>.json and .md. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReplayResult, Verdict } from './replay';

/** Where the replay's results go. */
export const replayReportsDir = join(import.meta.dirname, '../../../reports/dashboard-replay');

/** How many calls had each verdict. */
export function replayTotals(results: ReplayResult[]): Record<Verdict, number> {
  const totals: Record<Verdict, number> = { pass: 0, fail: 0, 'module not built': 0, 'unsupported deployment': 0 };
  for (const r of results) totals[r.verdict]++;
  return totals;
}

function markdown(engine: string, results: ReplayResult[]): string {
  const t = replayTotals(results);
  const lines = [
    `# Dashboard replay on ${engine}`,
    '',
    `${results.length} calls: ${t.pass} pass, ${t.fail} fail, ${t['module not built']} module not built, ${t['unsupported deployment']} unsupported by this deployment (documented 409).`,
    '',
    '| # | call | operation | verdict | status | problem |',
    '| --- | --- | --- | --- | --- | --- |',
    ...results.map(
      (r, i) =>
        `| ${i + 1} | ${r.method} \`${r.path}\` | ${r.operationId ?? '—'} | ${r.verdict} | ${r.status} | ${(r.problem ?? '').replaceAll('|', '\\|')} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

/** Writes the results of one engine as JSON (for the wiring report) and Markdown (for people). */
export function writeReplayReport(engine: string, results: ReplayResult[]): void {
  mkdirSync(replayReportsDir, { recursive: true });
  writeFileSync(join(replayReportsDir, `${engine}.json`), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(replayReportsDir, `${engine}.md`), markdown(engine, results));
}
