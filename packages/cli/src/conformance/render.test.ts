import { describe, expect, it } from 'vitest';
import { renderJunit, xmlEscape } from './render-junit';
import { renderTable } from './render-table';
import type { SuiteReport } from './suite';
import type { CheckResult, ContractOperation } from './types';
import { findAll, parseXml } from './xml-test-helpers';

const op = (operationId: string, tag: string) => ({ operationId, tag }) as ContractOperation;
const check = (operationId: string, tag: string, outcome: CheckResult['outcome'], extra: Partial<CheckResult> = {}) =>
  ({
    operationId,
    tag,
    outcome,
    kind: 'positive',
    name: 'positive',
    method: 'GET',
    path: '/x',
    ms: 2,
    ...extra,
  }) as CheckResult;

const report: SuiteReport = {
  operations: [op('getUser', 'users'), op('listUsers', 'users'), op('getHealth', 'health')],
  results: [
    check('getUser', 'users', 'failed', { message: 'getUser 200: body.email is required; <b> & "quoted"' }),
    check('getUser', 'users', 'passed', { kind: 'auth', name: 'auth: anonymous → 401' }),
    check('listUsers', 'users', 'not-implemented', { message: '501 NOT_IMPLEMENTED' }),
    check('listUsers', 'users', 'skipped', { message: 'needs credentials for bearerAuth' }),
    check('getHealth', 'health', 'passed', { warning: 'getHealth answered 404 NOT_FOUND' }),
    check('getHealth', 'health', 'passed', { kind: 'fuzz', name: 'fuzz: 50 cases', runs: 50 }),
    check('getHealth', 'health', 'spec-gap', {
      kind: 'auth',
      message:
        'getHealth: GET /x answered 401: 401 to an anonymous call, as its security requires, but the spec does not list 401',
    }),
  ],
  seed: 42,
  fuzz: 50,
  ms: 1234,
  withCredentials: { sent: 0, refused: 0 },
  transport: { sent: 7, failed: 0 },
  cleanup: { created: 0, removed: 0 },
};

describe('renderTable', () => {
  it('prints a table per tag, the failures, and one summary line', () => {
    const text = renderTable(report);
    expect(text).toContain(
      [
        'users',
        '  operation    cases  passed  failed  spec gap  unsure  not implemented  skipped',
        '  getUser          2       1       1         0       0                0        0',
        '  listUsers        2       0       0         0       0                1        1',
        '  total            4       1       1         0       0                1        1',
      ].join('\n'),
    );
    expect(text).toContain(
      'Failures (1):\n  ✗ getUser 200: body.email is required; <b> & "quoted"\n      positive · GET /x',
    );
    expect(text).toContain(
      'Spec gaps (1; --strict fails on them):\n  ? getHealth: GET /x answered 401: 401 to an anonymous call',
    );
    expect(text).not.toContain('Warnings');
    expect(text.trimEnd().split('\n').at(-1)).toBe(
      'lockstep contract FAILED: 1 failed, 1 spec gaps, 0 unsure, 3 passed (1 with warnings, --verbose lists them), 1 not implemented, 1 skipped of 7 cases in 3 operations; 50 fuzz cases, seed 42; 1.2 s',
    );
    expect(renderTable(report, { verbose: true })).toContain('Warnings (1):\n  ! getHealth answered 404 NOT_FOUND');
  });
});

describe('renderJunit', () => {
  it('writes XML a JUnit reader parses: one testsuite per tag, one testcase per check, with the counts', () => {
    const root = parseXml(renderJunit(report, 'http://x', new Date('2026-01-02T03:04:05Z')));
    expect(root.name).toBe('testsuites');
    expect(root.attrs).toMatchObject({ tests: '7', failures: '1', errors: '0', skipped: '2', time: '1.234' });
    const suites = findAll(root, 'testsuite');
    expect(suites.map((s) => [s.attrs.name, s.attrs.tests, s.attrs.failures, s.attrs.skipped])).toEqual([
      ['users', '4', '1', '2'],
      ['health', '3', '0', '0'],
    ]);
    const [failure] = findAll(root, 'failure');
    expect(failure.attrs.message).toBe('getUser 200: body.email is required; <b> & "quoted"');
    expect(findAll(root, 'testcase')[0].attrs).toMatchObject({
      classname: 'users.getUser',
      name: 'positive',
      time: '0.002',
    });
    expect(findAll(root, 'skipped').map((s) => s.attrs.message)).toEqual([
      'not implemented: 501 NOT_IMPLEMENTED',
      'needs credentials for bearerAuth',
    ]);
    expect(findAll(root, 'system-out')[0].text).toBe('warning: getHealth answered 404 NOT_FOUND');
  });

  it('escapes markup and replaces characters XML cannot hold', () => {
    expect(xmlEscape(`a<b>&"c'\u0000\u001b`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;\uFFFD\uFFFD');
    expect(() => parseXml(`<a m="${xmlEscape('x\u0001<y>')}"/>`)).not.toThrow();
    expect(() => parseXml('<a m="x<y"/>')).toThrow();
  });
});
