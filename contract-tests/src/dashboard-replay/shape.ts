/**
 * The fields the dashboard reads, with the types it reads them as, and a checker that names
 * the first field missing or of another type. A shape is a type name, an object of shapes
 * (a key ending in `?` may be absent), or a one-element array (every item has that shape).
 */

/** What one field is read as. */
export type Shape = 'string' | 'number' | 'boolean' | 'object' | 'any' | { [key: string]: Shape } | [Shape];

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** The first way `value` does not have `shape`, as `at: reason`; undefined when it has it. */
export function shapeProblem(value: unknown, shape: Shape, at = 'body'): string | undefined {
  if (shape === 'any') return undefined;
  if (typeof shape === 'string')
    return typeOf(value) === shape ? undefined : `${at}: ${typeOf(value)}, read as ${shape}`;
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) return `${at}: ${typeOf(value)}, read as an array`;
    for (const [i, item] of value.entries()) {
      const problem = shapeProblem(item, shape[0], `${at}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  }
  if (typeOf(value) !== 'object') return `${at}: ${typeOf(value)}, read as an object`;
  const record = value as Record<string, unknown>;
  for (const [rawKey, fieldShape] of Object.entries(shape)) {
    const optional = rawKey.endsWith('?');
    const key = optional ? rawKey.slice(0, -1) : rawKey;
    if (record[key] === undefined || (optional && record[key] === null)) {
      if (optional) continue;
      return `${at}.${key}: missing`;
    }
    const problem = shapeProblem(record[key], fieldShape, `${at}.${key}`);
    if (problem) return problem;
  }
  return undefined;
}
