/** Renders a spec diff as a Markdown table or as JSON. */
import type { Change } from './change';
import type { Level } from './rules';

/** Sources named in the report header, and how many changes silenced rules hid. */
export type DiffSources = { before: string; after: string; silenced?: number };

/** Counts of changes by level. */
export function countLevels(changes: Change[]): Record<Level, number> {
  const out: Record<Level, number> = { breaking: 0, warning: 0, info: 0 };
  for (const c of changes) out[c.level]++;
  return out;
}

/** A Markdown report: a one-line summary and a table of changes. */
export function renderDiffMarkdown(changes: Change[], sources: DiffSources): string {
  const n = countLevels(changes);
  const silenced = sources.silenced ? `; ${sources.silenced} silenced` : '';
  const head = [
    '# Spec diff',
    '',
    `\`${sources.before}\` → \`${sources.after}\`: ${changes.length} change${changes.length === 1 ? '' : 's'}, ${n.breaking ? `**${n.breaking} breaking**` : 'none breaking'}, ${n.warning} warning${n.warning === 1 ? '' : 's'}${silenced}.`,
  ];
  if (changes.length === 0) return `${head.join('\n')}\n`;
  const shown = { breaking: '**breaking**', warning: 'warning', info: 'info' };
  const rows = changes.map((c) => row([c.kind, shown[c.level], `\`${c.location}\``, c.detail]));
  return `${[...head, '', '| rule | level | location | detail |', '| --- | --- | --- | --- |', ...rows].join('\n')}\n`;
}

/** A JSON report: counts by level and every change. */
export function renderDiffJson(changes: Change[], sources: DiffSources): string {
  const n = countLevels(changes);
  const report = {
    before: sources.before,
    after: sources.after,
    breaking: n.breaking,
    warnings: n.warning,
    info: n.info,
    nonBreaking: changes.length - n.breaking,
    silenced: sources.silenced ?? 0,
    changes,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

function row(cells: string[]): string {
  return `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
}
