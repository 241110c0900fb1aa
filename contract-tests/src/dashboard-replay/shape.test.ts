import { describe, expect, it } from 'vitest';
import { shapeProblem } from './shape';

describe('shapeProblem', () => {
  it.each([
    { value: { a: 1 }, shape: { a: 'number' }, want: undefined },
    { value: { a: null }, shape: { a: 'number' }, want: 'body.a: null, read as number' },
    { value: {}, shape: { 'a?': 'number' }, want: undefined },
    { value: {}, shape: { a: 'string' }, want: 'body.a: missing' },
    { value: [{ id: 'x' }, { id: 2 }], shape: [{ id: 'string' }], want: 'body[1].id: number, read as string' },
    { value: { rows: [] }, shape: [{ id: 'string' }], want: 'body: object, read as an array' },
  ] as const)('$value against $shape', ({ value, shape, want }) => {
    expect(shapeProblem(value, shape as never)).toBe(want);
  });
});
