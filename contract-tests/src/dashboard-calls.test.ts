/**
 * Every call of the AeroDB dashboard (reference/aerodb-calls.tsv, vendored in fixtures/)
 * must resolve to exactly one operation of the spec with the same method and path shape.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { matchOperation, operations } from '@lockstep/contract';
import { describe, expect, it } from 'vitest';

const vendored = join(import.meta.dirname, '../fixtures/aerodb-calls.tsv');
const shared = join(import.meta.dirname, '../../../shared/reference/aerodb-calls.tsv');

function rows(file: string) {
  const [, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  return lines.map((line) => {
    const [method, path, shape, source] = line.split('\t');
    return { method, path, shape, source };
  });
}

const shapeOf = (path: string) => path.replace(/\{[^}]+\}/g, '{}');
const ops = Object.entries(operations).map(([operationId, op]) => ({ operationId, ...op }));

describe('the AeroDB dashboard calls', () => {
  const calls = rows(vendored);

  it('the vendored list is the shared reference', () => {
    expect(calls).toHaveLength(170);
    if (existsSync(shared)) expect(readFileSync(vendored, 'utf8')).toBe(readFileSync(shared, 'utf8'));
  });

  it.each(calls.map((c) => [`${c.method} ${c.path}`, c] as const))(
    '%s resolves to exactly one operation',
    (_name, call) => {
      const sameShape = ops.filter((op) => op.method === call.method.toLowerCase() && shapeOf(op.path) === call.shape);
      expect(sameShape.map((op) => op.operationId)).toHaveLength(1);
      const concrete = call.shape.replaceAll('{}', 'sample-id');
      expect(matchOperation(ops, call.method, concrete)?.operationId).toBe(sameShape[0].operationId);
    },
  );
});
