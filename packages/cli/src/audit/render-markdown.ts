/** The audit report as Markdown, for people: summary, modules, calls per module, unresolved calls. */
import type { AuditReport, ModuleSummary } from './report';
import type { AuditedCall } from './types';

/** Renders a report as Markdown. */
export function renderMarkdown(report: AuditReport): string {
  const checked = report.backend !== null;
  const lines = [
    '# Frontend audit',
    '',
    ...summary(report),
    '',
    '## Modules',
    '',
    ...moduleTable(report.modules, checked),
  ];
  for (const module of report.modules) lines.push('', ...moduleSection(report, module, checked));
  if (report.external.length > 0) {
    lines.push('', '## External calls', '', 'Calls to other hosts than the API: listed, never counted as drift.', '');
    lines.push('| where | function | method | host | path |', '| --- | --- | --- | --- | --- |');
    for (const c of report.external)
      lines.push(row([`${c.file}:${c.line}`, code(c.function), c.method, c.host ?? '', code(c.path)]));
  }
  if (report.unresolved.length > 0) {
    lines.push(
      '',
      '## Unresolved calls',
      '',
      'Calls whose URL or method cannot be worked out from the source alone.',
      '',
    );
    lines.push('| where | function | expression | reason |', '| --- | --- | --- | --- |');
    for (const u of report.unresolved) {
      lines.push(row([`${u.file}:${u.line}`, code(u.function), code(u.expression), u.reason]));
    }
  }
  return `${lines.join('\n')}\n`;
}

function summary(report: AuditReport): string[] {
  const t = report.totals;
  const rows = [
    ['frontend', `\`${report.source}\` (${t.files} files)`],
    ['spec', `\`${report.spec}\` (${t.operations} operations)`],
    ['backend', report.backend ? `\`${report.backend}\`` : 'not checked (pass `--backend URL`)'],
    ['calls found', String(t.calls)],
    ['in the spec', `${t.inSpec} · not in the spec: ${t.notInSpec}`],
  ];
  if (report.backend)
    rows.push(['served', `${t.served} · not served: ${t.notServed} · cannot tell: ${t.servedUnknown}`]);
  rows.push(
    ['unresolved calls', String(t.unresolved)],
    ['external calls', `${t.external} (to other hosts; not drift)`],
    ['spec operations called', `${t.calledOperations} of ${t.operations} (${t.uncalled} never called)`],
    [
      '**coverage**',
      `**${report.coverage}%** of calls are in the spec${report.backend ? ' and not known to be unserved' : ''}`,
    ],
  );
  return ['| | |', '| --- | --- |', ...rows.map(row)];
}

function moduleTable(modules: ModuleSummary[], checked: boolean): string[] {
  const head = [
    'module',
    'calls',
    'in spec',
    ...(checked ? ['served', 'not served'] : []),
    'uncalled operations',
    'coverage',
  ];
  const out = [row(head), row(head.map(() => '---'))];
  for (const m of modules) {
    const served = checked ? [String(m.served), String(m.notServed)] : [];
    out.push(
      row([
        m.name,
        String(m.calls),
        String(m.inSpec),
        ...served,
        `${m.uncalled} of ${m.operations}`,
        m.coverage === null ? '–' : `${m.coverage}%`,
      ]),
    );
  }
  return out;
}

function moduleSection(report: AuditReport, module: ModuleSummary, checked: boolean): string[] {
  const out = [`## ${module.name}`, ''];
  const calls = report.calls.filter((c) => c.module === module.name);
  if (calls.length > 0) {
    const head = ['function', 'method', 'path', 'operation', ...(checked ? ['served'] : []), 'where'];
    out.push(row(head), row(head.map(() => '---')));
    for (const c of calls) out.push(row(callCells(c, checked)));
  } else {
    out.push('No calls.');
  }
  const uncalled = report.uncalled.filter((u) => u.module === module.name);
  if (uncalled.length > 0) {
    out.push('', `Spec operations no code calls (${uncalled.length}):`, '');
    for (const u of uncalled) out.push(`- \`${u.operationId}\` ${u.method} \`${u.path}\``);
  }
  return out;
}

function callCells(c: AuditedCall, checked: boolean): string[] {
  const operation = c.operationId
    ? code(c.operationId)
    : `**not in spec**${c.note?.startsWith('the spec has') ? ` (${c.note.split(';')[0]})` : ''}`;
  const served = checked ? [servedText(c)] : [];
  return [code(c.function), c.method, code(c.path), operation, ...served, `${c.file}:${c.line}`];
}

function servedText(c: AuditedCall): string {
  const word = c.served === true ? 'yes' : c.served === false ? '**no**' : '?';
  const why = c.note?.split('; ').find((n) => !n.startsWith('the spec has'));
  return c.served === true || !why ? word : `${word} (${why})`;
}

/** A code span; text holding backticks gets a double-backtick fence. */
function code(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

function row(cells: string[]): string {
  return `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
}
