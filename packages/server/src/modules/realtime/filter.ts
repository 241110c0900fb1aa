/**
 * Subscription filters on `db:<table>` channels, applied on the server to each changed row.
 * A filter is an object (`{"owner_id": "…"}` for equality, `{"age": {"gt": 18}}` for
 * another operator) or PostgREST text (`"owner_id=eq.…"`, `"status=in.(open,closed)"`),
 * with the operators of the data core's filters.
 */
import { FILTER_OPS, type FilterOp } from '../../data/filters';
import { FrameError } from './frames';

/** An operator a condition may use: the data core's. */
export type FilterOperator = FilterOp;

const OPERATORS = FILTER_OPS;

/** One condition on one column. */
export interface Condition {
  column: string;
  op: FilterOperator;
  value: unknown;
}

function invalid(message: string): FrameError {
  return new FrameError('VALIDATION_FAILED', `filter: ${message}`);
}

function isOperator(op: string): op is FilterOperator {
  return (OPERATORS as readonly string[]).includes(op);
}

function scalar(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function checked(column: string, op: string, value: unknown): Condition {
  if (!isOperator(op)) throw invalid(`unknown operator ${op} (use ${OPERATORS.join(', ')})`);
  if (op === 'in') {
    if (!Array.isArray(value) || !value.every(scalar)) throw invalid(`${column}: in takes a list of values`);
  } else if (op === 'is' || op === 'is_not') {
    if (value !== null && value !== true && value !== false)
      throw invalid(`${column}: ${op} takes null, true or false`);
  } else if (!scalar(value)) throw invalid(`${column}: ${op} takes a scalar`);
  return { column, op, value };
}

function fromText(text: string): Condition[] {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)=([a-z_]+)\.(.*)$/s.exec(text);
  if (!match) throw invalid('text filters read column=operator.value');
  const [, column, op, raw] = match;
  if (op === 'in') {
    const list = /^\((.*)\)$/s.exec(raw);
    if (!list) throw invalid(`${column}: in takes (a,b,…)`);
    return [checked(column, op, list[1] === '' ? [] : list[1].split(','))];
  }
  if (op === 'is' || op === 'is_not') {
    const known: Record<string, unknown> = { null: null, true: true, false: false };
    if (!(raw in known)) throw invalid(`${column}: ${op} takes null, true or false`);
    return [checked(column, op, known[raw])];
  }
  return [checked(column, op, raw)];
}

/** The conditions of a subscription's `filter` (none when absent); throws `FrameError` when malformed. */
export function parseFilter(filter: unknown): Condition[] {
  if (filter === undefined || filter === null) return [];
  if (typeof filter === 'string') return fromText(filter);
  if (typeof filter !== 'object' || Array.isArray(filter)) throw invalid('an object or column=operator.value text');
  return Object.entries(filter as Record<string, unknown>).map(([column, value]) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const entries = Object.entries(value);
      if (entries.length !== 1) throw invalid(`${column}: one operator per column, as {"gt": 1}`);
      return checked(column, entries[0][0], entries[0][1]);
    }
    return checked(column, 'eq', value);
  });
}

/** The columns named by `conditions` that `columns` lacks. */
export function unknownColumns(conditions: Condition[], columns: ReadonlySet<string>): string[] {
  return conditions.map((c) => c.column).filter((c) => !columns.has(c));
}

function compare(a: unknown, b: unknown): number | undefined {
  if (a === null || a === undefined || b === null || b === undefined) return undefined;
  if (typeof a === 'number') {
    const n = typeof b === 'number' ? b : typeof b === 'string' && b.trim() !== '' ? Number(b) : Number.NaN;
    return Number.isNaN(n) ? undefined : a - n;
  }
  if (typeof a === 'boolean') return a === (b === true || b === 'true') ? 0 : 1;
  const x = typeof a === 'object' ? JSON.stringify(a) : String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function like(value: unknown, pattern: unknown, flags: string): boolean {
  if (value === null || value === undefined) return false;
  const source = String(pattern)
    .split('')
    .map((ch) => (ch === '%' ? '.*' : ch === '_' ? '.' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, `s${flags}`).test(String(value));
}

function holds(row: Record<string, unknown>, c: Condition): boolean {
  const value = row[c.column];
  switch (c.op) {
    case 'is':
      return c.value === null ? value === null || value === undefined : value === c.value;
    case 'is_not':
      return c.value === null ? value !== null && value !== undefined : value !== c.value;
    case 'in':
      return (c.value as unknown[]).some((v) => compare(value, v) === 0);
    case 'like':
      return like(value, c.value, '');
    case 'ilike':
      return like(value, c.value, 'i');
    default: {
      const order = compare(value, c.value);
      if (order === undefined) return c.op === 'eq' ? value === c.value : false;
      const tests = {
        eq: order === 0,
        neq: order !== 0,
        gt: order > 0,
        gte: order >= 0,
        lt: order < 0,
        lte: order <= 0,
      };
      return tests[c.op];
    }
  }
}

/** Whether `row` passes every condition. */
export function matchesFilter(row: Record<string, unknown>, conditions: Condition[]): boolean {
  return conditions.every((c) => holds(row, c));
}
