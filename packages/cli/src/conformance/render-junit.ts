/**
 * JUnit XML for CI: one `<testsuite>` per tag, one `<testcase>` per check. Not-implemented and
 * skipped checks are `<skipped>` with the reason; spec gaps, unsure checks and warnings go to
 * the case's `<system-out>`.
 */
import type { SuiteReport } from './suite';
import { tally } from './tally';
import type { CheckResult } from './types';

/** Escapes text for XML attributes and content (and drops characters XML 1.0 cannot hold). */
export function xmlEscape(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function testcase(r: CheckResult): string {
  const open = `    <testcase classname="${xmlEscape(`${r.tag}.${r.operationId}`)}" name="${xmlEscape(r.name)}" time="${seconds(r.ms)}"`;
  const inner: string[] = [];
  if (r.outcome === 'failed')
    inner.push(
      `      <failure message="${xmlEscape(r.message ?? '')}" type="contract">${xmlEscape(`${r.method} ${r.path}\n${r.message ?? ''}`)}</failure>`,
    );
  if (r.outcome === 'skipped') inner.push(`      <skipped message="${xmlEscape(r.message ?? '')}"/>`);
  if (r.outcome === 'not-implemented')
    inner.push(`      <skipped message="${xmlEscape(`not implemented: ${r.message ?? ''}`)}"/>`);
  const notes = [
    r.outcome === 'spec-gap' ? `spec gap: ${r.message ?? ''}` : '',
    r.outcome === 'unsure' ? `unsure: ${r.message ?? ''}` : '',
    r.warning ? `warning: ${r.warning}` : '',
  ].filter(Boolean);
  if (notes.length > 0) inner.push(`      <system-out>${xmlEscape(notes.join('\n'))}</system-out>`);
  return inner.length === 0 ? `${open}/>` : `${open}>\n${inner.join('\n')}\n    </testcase>`;
}

/** The whole run as a JUnit XML document. */
export function renderJunit(report: SuiteReport, baseUrl: string, timestamp = new Date()): string {
  const tags = [...new Set(report.operations.map((op) => op.tag))];
  const suites = tags.map((tag) => {
    const results = report.results.filter((r) => r.tag === tag);
    const t = tally(results);
    const time = results.reduce((sum, r) => sum + r.ms, 0);
    return [
      `  <testsuite name="${xmlEscape(tag)}" tests="${t.cases}" failures="${t.failed}" errors="0" skipped="${t.skipped + t.notImplemented}" time="${seconds(time)}" timestamp="${timestamp.toISOString().slice(0, 19)}">`,
      '    <properties>',
      `      <property name="base-url" value="${xmlEscape(baseUrl)}"/>`,
      `      <property name="seed" value="${report.seed}"/>`,
      '    </properties>',
      ...results.map(testcase),
      '  </testsuite>',
    ].join('\n');
  });
  const t = tally(report.results);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="lockstep contract" tests="${t.cases}" failures="${t.failed}" errors="0" skipped="${t.skipped + t.notImplemented}" time="${seconds(report.ms)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
