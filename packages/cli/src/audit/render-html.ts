/**
 * The audit report as one self-contained HTML page (no scripts, fonts or styles from elsewhere),
 * with an inline SVG bar per module showing how its calls split.
 */
import { type AuditReport, isCovered, type ModuleSummary } from './report';
import type { AuditedCall } from './types';

const COLORS = { covered: '#2e7d32', unserved: '#ef6c00', missing: '#c62828', uncalled: '#9e9e9e' };

/** Renders a report as a standalone HTML page. */
export function renderHtml(report: AuditReport): string {
  const checked = report.backend !== null;
  const t = report.totals;
  const body = [
    '<h1>Frontend audit</h1>',
    `<p class="meta">Frontend <code>${esc(report.source)}</code> (${t.files} files) · spec <code>${esc(report.spec)}</code> (${t.operations} operations) · backend ${report.backend ? `<code>${esc(report.backend)}</code>` : 'not checked'}</p>`,
    `<p class="big">${report.coverage}% <span>of ${t.calls} calls are in the spec${checked ? ' and not known to be unserved' : ''}</span></p>`,
    `<p>${t.inSpec} in the spec · ${t.notInSpec} not in the spec${checked ? ` · ${t.served} served · ${t.notServed} not served · ${t.servedUnknown} cannot tell` : ''} · ${t.unresolved} unresolved · ${t.calledOperations} of ${t.operations} spec operations called</p>`,
    legend(checked),
    '<table class="modules"><thead><tr><th>module</th><th>calls</th><th>coverage</th><th>calls, by outcome</th><th>spec operations called</th></tr></thead><tbody>',
    ...report.modules.map((m) => moduleRow(report, m, checked)),
    '</tbody></table>',
    ...report.modules.map((m) => moduleSection(report, m, checked)),
    unresolved(report),
  ];
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Frontend audit: ${report.coverage}%</title><style>${STYLE}</style></head><body>\n${body.join('\n')}\n</body></html>\n`;
}

function legend(checked: boolean): string {
  const items = [
    ['covered', checked ? 'in the spec, served or cannot tell' : 'in the spec'],
    ...(checked ? [['unserved', 'in the spec, not served']] : []),
    ['missing', 'not in the spec'],
    ['uncalled', 'spec operations nobody calls'],
  ];
  return `<p class="legend">${items.map(([k, label]) => `<span><i style="background:${COLORS[k as keyof typeof COLORS]}"></i>${label}</span>`).join(' ')}</p>`;
}

function moduleRow(report: AuditReport, m: ModuleSummary, checked: boolean): string {
  const calls = report.calls.filter((c) => c.module === m.name);
  const covered = calls.filter((c) => isCovered(c, checked)).length;
  const missing = calls.filter((c) => c.operationId === null).length;
  const callBar = bar([
    [covered, COLORS.covered],
    [calls.length - covered - missing, COLORS.unserved],
    [missing, COLORS.missing],
  ]);
  const opBar = bar([
    [m.operations - m.uncalled, COLORS.covered],
    [m.uncalled, COLORS.uncalled],
  ]);
  return `<tr><td><a href="#m-${esc(m.name)}">${esc(m.name)}</a></td><td>${m.calls}</td><td>${m.coverage === null ? '–' : `${m.coverage}%`}</td><td>${callBar}</td><td>${opBar} ${m.operations - m.uncalled}/${m.operations}</td></tr>`;
}

/** An inline stacked bar: each segment's width is its share of the total. */
function bar(segments: Array<[number, string]>): string {
  const total = segments.reduce((sum, [n]) => sum + n, 0);
  const width = 240;
  let x = 0;
  const rects = segments
    .filter(([n]) => n > 0)
    .map(([n, color]) => {
      const w = (n / total) * width;
      const rect = `<rect x="${x.toFixed(1)}" y="0" width="${w.toFixed(1)}" height="14" fill="${color}"><title>${n}</title></rect>`;
      x += w;
      return rect;
    });
  const empty = total === 0 ? `<rect x="0" y="0" width="${width}" height="14" fill="#eee"/>` : '';
  return `<svg width="${width}" height="14" viewBox="0 0 ${width} 14" role="img" aria-label="${segments.map(([n]) => n).join(' / ')}">${empty}${rects.join('')}</svg>`;
}

function moduleSection(report: AuditReport, m: ModuleSummary, checked: boolean): string {
  const calls = report.calls.filter((c) => c.module === m.name);
  const uncalled = report.uncalled.filter((u) => u.module === m.name);
  const head = `<tr><th>function</th><th>method</th><th>path</th><th>operation</th>${checked ? '<th>served</th>' : ''}<th>where</th></tr>`;
  const rows = calls.map((c) => callRow(c, checked)).join('\n');
  const table = calls.length ? `<table><thead>${head}</thead><tbody>\n${rows}\n</tbody></table>` : '<p>No calls.</p>';
  const list = uncalled.length
    ? `<p>Spec operations no code calls (${uncalled.length}):</p><ul>${uncalled.map((u) => `<li><code>${esc(u.operationId)}</code> ${u.method} <code>${esc(u.path)}</code></li>`).join('')}</ul>`
    : '';
  return `<h2 id="m-${esc(m.name)}">${esc(m.name)}</h2>\n${table}\n${list}`;
}

function callRow(c: AuditedCall, checked: boolean): string {
  const op = c.operationId ? `<code>${esc(c.operationId)}</code>` : '<b class="bad">not in spec</b>';
  const served = c.served === true ? 'yes' : c.served === false ? '<b class="bad">no</b>' : '?';
  const note = c.note ? ` title="${esc(c.note)}"` : '';
  const servedCell = checked ? `<td${note}>${served}</td>` : '';
  return `<tr><td><code>${esc(c.function)}</code></td><td>${c.method}</td><td><code>${esc(c.path)}</code></td><td${c.operationId ? '' : note}>${op}</td>${servedCell}<td>${esc(c.file)}:${c.line}</td></tr>`;
}

function unresolved(report: AuditReport): string {
  if (report.unresolved.length === 0) return '';
  const rows = report.unresolved
    .map(
      (u) =>
        `<tr><td>${esc(u.file)}:${u.line}</td><td><code>${esc(u.function)}</code></td><td><code>${esc(u.expression)}</code></td><td>${esc(u.reason)}</td></tr>`,
    )
    .join('\n');
  return `<h2>Unresolved calls</h2>\n<table><thead><tr><th>where</th><th>function</th><th>expression</th><th>reason</th></tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1.5rem;width:100%}th,td{border-bottom:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f5f5f5}code{font:12px ui-monospace,monospace}.big{font-size:2rem;margin:.5rem 0}.big span{font-size:1rem;color:#555}
.meta{color:#555}.bad{color:${COLORS.missing}}.legend span{margin-right:1rem}.legend i{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:middle}`;
