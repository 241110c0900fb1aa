/** Renders a spec diff as a Markdown table or as JSON. */
import type { Change } from './change';

/** Sources named in the report header. */
export type DiffSources = { before: string; after: string };

/** A Markdown report: a one-line summary and a table of changes. */
export function renderDiffMarkdown(changes: Change[], sources: DiffSources): string {
  const breaking = changes.filter((c) => c.breaking).length;
  const head = [
    '# Spec diff',
    '',
    `\`${sources.before}\` → \`${sources.after}\`: ${changes.length} change${changes.length === 1 ? '' : 's'}, ${breaking ? `**${breaking} breaking**` : 'none breaking'}.`,
  ];
  if (changes.length === 0) return `${head.join('\n')}\n`;
  const rows = changes.map((c) => row([c.kind, `\`${c.location}\``, c.breaking ? '**yes**' : 'no', c.detail]));
  return `${[...head, '', '| kind | location | breaking | detail |', '| --- | --- | --- | --- |', ...rows].join('\n')}\n`;
}

/** A JSON report: counts and every change. */
export function renderDiffJson(changes: Change[], sources: DiffSources): string {
  const breaking = changes.filter((c) => c.breaking).length;
  return `${JSON.stringify({ ...sources, breaking, nonBreaking: changes.length - breaking, changes }, null, 2)}\n`;
}

function row(cells: string[]): string {
  return `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
}
