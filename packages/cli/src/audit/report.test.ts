import { describe, expect, it } from 'vitest';
import { buildReport, isCovered, moduleOfPath, percent } from './report';
import type { AuditedCall, SpecOperation } from './types';

const call = (over: Partial<AuditedCall>): AuditedCall => ({
  file: 'a.ts',
  line: 1,
  function: 'f',
  method: 'GET',
  path: '/a',
  client: 'fetch',
  operationId: null,
  served: null,
  module: 'a',
  ...over,
});
const op = (operationId: string, path: string, tag: string | null): SpecOperation => ({
  operationId,
  method: 'GET',
  path,
  template: path,
  tag,
});

describe('buildReport', () => {
  const operations = [op('listA', '/a', 'alpha'), op('getB', '/b', null), op('listC', '/c', 'alpha')];
  const calls = [
    call({ file: 'z.ts', operationId: 'listA', module: 'alpha', served: true }),
    call({ file: 'b.ts', path: '/x', module: 'x', served: false }),
    call({ file: 'b.ts', line: 9, operationId: 'listA', module: 'alpha', served: false }),
  ];
  const input = { source: 's', spec: 'o.json', files: 2, calls, unresolved: [], operations };

  it('groups calls by module, sorted by file and line, and lists uncalled operations under their tag', () => {
    const report = buildReport({ ...input, backend: null });
    expect(report.calls.map((c) => `${c.file}:${c.line}`)).toEqual(['b.ts:1', 'b.ts:9', 'z.ts:1']);
    expect(report.uncalled.map((u) => `${u.operationId} ${u.module}`)).toEqual(['getB b', 'listC alpha']);
    expect(report.modules.map((m) => [m.name, m.calls, m.inSpec, m.operations, m.uncalled, m.coverage])).toEqual([
      ['alpha', 2, 2, 2, 1, 100],
      ['b', 0, 0, 1, 1, null],
      ['x', 1, 0, 0, 0, 0],
    ]);
    expect(report.totals).toEqual({
      files: 2,
      calls: 3,
      inSpec: 2,
      notInSpec: 1,
      served: 1,
      notServed: 2,
      servedUnknown: 0,
      unresolved: 0,
      external: 0,
      operations: 3,
      calledOperations: 1,
      uncalled: 2,
    });
    expect(report.coverage).toBe(66.7);
  });

  it('counts a call known to be unserved against coverage only when a backend was checked', () => {
    expect(buildReport({ ...input, backend: 'http://b' }).coverage).toBe(33.3);
  });
});

describe('helpers', () => {
  it.each([
    ['/auth/users', 'auth'],
    ['/', '(root)'],
    ['/{}/x', '{}'],
  ])('moduleOfPath(%s) = %s', (path, want) => {
    expect(moduleOfPath(path)).toBe(want);
  });

  it('isCovered: in the spec, and not known unserved when checked', () => {
    expect(isCovered(call({ operationId: 'a', served: null }), true)).toBe(true);
    expect(isCovered(call({ operationId: 'a', served: false }), true)).toBe(false);
    expect(isCovered(call({ operationId: 'a', served: false }), false)).toBe(true);
    expect(isCovered(call({ operationId: null, served: true }), true)).toBe(false);
  });

  it('percent rounds to one decimal and treats nothing as 100', () => {
    expect([percent(1, 3), percent(2, 3), percent(0, 0), percent(0, 5)]).toEqual([33.3, 66.7, 100, 0]);
  });
});
