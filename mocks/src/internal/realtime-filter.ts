/**
 * Subscription filters of `db:<table>` channels as spec/asyncapi.yaml describes them (an object
 * of column equalities or `{column: {op: value}}`, or PostgREST text `column=op.value`, and the
 * `event` key for change kinds), parsed and applied to a changed row by the realtime mock.
 */

const OPERATORS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'like', 'ilike', 'is', 'is_not'] as const;
type Operator = (typeof OPERATORS)[number];

/** One condition on one column. */
export interface Condition {
  column: string;
  op: Operator;
  value: unknown;
}

/** A parsed filter: column conditions and the change kinds wanted (all when absent). */
export interface ParsedFilter {
  conditions: Condition[];
  events?: ReadonlySet<string>;
}

const KINDS = ['INSERT', 'UPDATE', 'DELETE'];
const LITERALS: Record<string, unknown> = { null: null, true: true, false: false };

function condition(column: string, op: string, value: unknown): Condition {
  if (!(OPERATORS as readonly string[]).includes(op))
    throw new Error(`filter: unknown operator ${op} (use ${OPERATORS.join(', ')})`);
  if (op === 'in' && !Array.isArray(value)) throw new Error(`filter: ${column}: in takes a list of values`);
  if ((op === 'is' || op === 'is_not') && value !== null && value !== true && value !== false)
    throw new Error(`filter: ${column}: ${op} takes null, true or false`);
  return { column, op: op as Operator, value };
}

function fromText(text: string): Condition {
  const [, column, op, raw] = /^([A-Za-z_][A-Za-z0-9_]*)=([a-z_]+)\.(.*)$/s.exec(text) ?? [];
  if (!column) throw new Error('filter: text filters read column=operator.value');
  if (op === 'in') return condition(column, op, /^\((.*)\)$/s.exec(raw)?.[1].split(',').filter(Boolean));
  if (op === 'is' || op === 'is_not') return condition(column, op, raw in LITERALS ? LITERALS[raw] : raw);
  return condition(column, op, raw);
}

function fromObject(filter: Record<string, unknown>): Condition[] {
  return Object.entries(filter).map(([column, value]) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return condition(column, 'eq', value);
    const entries = Object.entries(value);
    if (entries.length !== 1) throw new Error(`filter: ${column}: one operator per column, as {"gt": 1}`);
    return condition(column, entries[0][0], entries[0][1]);
  });
}

function eventKinds(c: Condition): ReadonlySet<string> | undefined {
  const values = (c.op === 'in' ? (c.value as unknown[]) : [c.value]).map((v) => String(v).toUpperCase());
  if ((c.op !== 'eq' && c.op !== 'in') || !values.every((v) => v === '*' || KINDS.includes(v)))
    throw new Error('filter: event is INSERT, UPDATE, DELETE or *');
  return values.includes('*') ? undefined : new Set(values);
}

/** Parses a subscription's `filter` (none when absent); throws an Error whose message the error frame carries. */
export function parseFilter(filter: unknown): ParsedFilter {
  if (filter === undefined || filter === null) return { conditions: [] };
  const all = typeof filter === 'string' ? [fromText(filter)] : fromObject(filter as Record<string, unknown>);
  const event = all.find((c) => c.column === 'event');
  return { conditions: all.filter((c) => c !== event), events: event && eventKinds(event) };
}

function compare(a: unknown, b: unknown): number | undefined {
  if (a === null || a === undefined || b === null || b === undefined) return undefined;
  if (typeof a === 'number') return Number.isNaN(Number(b)) ? undefined : a - Number(b);
  if (typeof a === 'boolean') return a === (b === true || b === 'true') ? 0 : 1;
  const [x, y] = [typeof a === 'object' ? JSON.stringify(a) : String(a), String(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

function like(value: unknown, pattern: unknown, flags: string): boolean {
  if (value === null || value === undefined) return false;
  const toRegExp = (ch: string) => (ch === '%' ? '.*' : ch === '_' ? '.' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${[...String(pattern)].map(toRegExp).join('')}$`, `s${flags}`).test(String(value));
}

function holds(row: Record<string, unknown>, c: Condition): boolean {
  const value = row[c.column];
  if (c.op === 'is') return c.value === null ? value == null : value === c.value;
  if (c.op === 'is_not') return c.value === null ? value != null : value !== c.value;
  if (c.op === 'in') return (c.value as unknown[]).some((v) => compare(value, v) === 0);
  if (c.op === 'like' || c.op === 'ilike') return like(value, c.value, c.op === 'ilike' ? 'i' : '');
  const order = compare(value, c.value);
  if (order === undefined) return c.op === 'eq' && value === c.value;
  return { eq: order === 0, neq: order !== 0, gt: order > 0, gte: order >= 0, lt: order < 0, lte: order <= 0 }[c.op];
}

/** Whether a change of `kind` to `row` passes the filter. */
export function matchesFilter(filter: ParsedFilter, kind: string, row: Record<string, unknown>): boolean {
  return (!filter.events || filter.events.has(kind)) && filter.conditions.every((c) => holds(row, c));
}
