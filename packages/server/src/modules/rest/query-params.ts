/**
 * The query language of `/rest/v1`: the dashboard's indexed filters
 * (`filter[i][field|op|value]`, parsed into an object by the request parser), PostgREST's
 * `select=a,b`, `order=a.asc,b.desc`, `on_conflict=a,b` and `Prefer: resolution=...`,
 * turned into the data core's `Filter` and options. Names are checked for form here and
 * against the catalogue by the row service; values are only ever bound.
 */
import type { components } from '@lockstep/contract';
import type { Filter } from '../../data/filters';
import type { InsertOptions, OrderBy } from '../../data/row-service';
import type { PortableType } from '../../db/catalogue';
import { IDENTIFIER } from '../../db/catalogue';
import { errors } from '../../http/http-error';

type RestFilterSet = components['schemas']['RestFilterSet'];

/** The portable type of a column of the table; undefined for a column it does not have. */
export type ColumnTypes = (column: string) => PortableType | null | undefined;

/** How an insert treats rows whose key exists: fail (plain insert), merge them, or keep the stored row. */
export type Resolution = 'merge' | 'ignore';

const REST_OPS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'like', 'ilike', 'is'] as const;
type RestOp = (typeof REST_OPS)[number];

function invalid(field: string, message: string): never {
  throw errors.validation([{ field, message }]);
}

function identifier(name: string, field: string): string {
  if (!IDENTIFIER.test(name)) invalid(field, `"${name}" is not a column name`);
  return name;
}

/** Splits a comma-separated list of column names; duplicates are kept once. */
export function parseColumnList(text: string, field: string): string[] {
  const names = text.split(',').map((name) => identifier(name, field));
  return [...new Set(names)];
}

/**
 * The elements of an `in` value: comma-separated; an element holding a comma or a double
 * quote is written in double quotes, inner quotes doubled. `''` is the empty list.
 * @example parseInList('a,"b,c","say ""hi"""') // ['a', 'b,c', 'say "hi"']
 */
export function parseInList(text: string, field = 'value'): string[] {
  if (text === '') return [];
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (text[i] === '"') {
      let element = '';
      i++;
      for (;;) {
        if (i >= text.length) invalid(field, 'has an unterminated quoted element');
        if (text[i] === '"' && text[i + 1] === '"') {
          element += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else element += text[i++];
      }
      out.push(element);
    } else {
      const end = text.indexOf(',', i);
      const element = text.slice(i, end === -1 ? text.length : end);
      if (element.includes('"')) invalid(field, 'has a double quote outside a quoted element');
      out.push(element);
      i = end === -1 ? text.length : end;
    }
    if (i >= text.length) return out;
    if (text[i] !== ',') invalid(field, 'has text after a quoted element');
    i++;
  }
}

/** The value of an `is` filter: `null`, `true` or `false` (any case). */
export function parseIsValue(text: string, field = 'value'): null | boolean {
  const value = text.toLowerCase();
  if (value === 'null') return null;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return invalid(field, 'must be null, true or false for the op "is"');
}

const INTEGER = /^-?\d{1,20}$/;
const DECIMAL = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d{1,3})?$/;
const BOOLEANS: Record<string, boolean> = { true: true, t: true, '1': true, false: false, f: false, '0': false };

/**
 * A filter's text as a value of the column's type: integers and reals become numbers
 * (integers past 2^53 stay text, which both engines compare exactly), booleans become
 * booleans, everything else stays text. Text that cannot be of the type is a 400.
 * @example coerceText('42', 'integer', 'value') // 42
 */
export function coerceText(text: string, type: PortableType | null | undefined, field: string): unknown {
  switch (type) {
    case 'integer':
    case 'bigint': {
      if (!INTEGER.test(text)) invalid(field, `"${text}" is not an integer`);
      const n = Number(text);
      return Number.isSafeInteger(n) ? n : text;
    }
    case 'real':
    case 'numeric':
      if (!DECIMAL.test(text)) invalid(field, `"${text}" is not a number`);
      return type === 'real' ? Number(text) : text;
    case 'boolean': {
      const value = BOOLEANS[text.toLowerCase()];
      if (value === undefined) invalid(field, `"${text}" is not true or false`);
      return value;
    }
    default:
      return text;
  }
}

/**
 * One condition, `field op value`, with the value converted to the column's type. Errors
 * name `<at>[field|op|value]`, or `field` itself when given (a column filter's parameter).
 */
export function condition(
  at: string,
  field: string,
  op: string,
  value: string,
  types: ColumnTypes,
  only?: string,
): Filter {
  const name = (part: string) => only ?? `${at}[${part}]`;
  const column = identifier(field, name('field'));
  if (!(REST_OPS as readonly string[]).includes(op))
    invalid(name('op'), `must be one of ${REST_OPS.join(', ')}; got "${op}"`);
  const type = types(column);
  const typed = (text: string) => coerceText(text, type, name('value'));
  switch (op as RestOp) {
    case 'in':
      return { column, op: 'in', value: parseInList(value, name('value')).map(typed) };
    case 'is':
      return { column, op: 'is', value: parseIsValue(value, name('value')) };
    case 'like':
    case 'ilike':
      return { column, op: op as 'like' | 'ilike', value };
    default:
      return { column, op: op as Exclude<RestOp, 'in' | 'is' | 'like' | 'ilike'>, value: typed(value) };
  }
}

/**
 * The dashboard's indexed filters, in index order and ANDed; undefined when there are none.
 * Values are converted to their column's type (`types`); text when the type is unknown.
 * @example parseRestFilters({ 0: { field: 'id', op: 'eq', value: '7' } }, () => 'integer') // { and: [{ column: 'id', op: 'eq', value: 7 }] }
 */
export function parseRestFilters(
  set: RestFilterSet | undefined,
  types: ColumnTypes = () => undefined,
): Filter | undefined {
  if (!set) return undefined;
  const keys = Object.keys(set);
  if (keys.length === 0) return undefined;
  for (const key of keys) if (!/^[0-9]{1,3}$/.test(key)) invalid(`query.filter[${key}]`, 'must be an index 0-999');
  const sorted = keys.sort((a, b) => Number(a) - Number(b));
  return {
    and: sorted.map((key) => {
      const at = `query.filter[${key}]`;
      const item = set[key] as Partial<RestFilterSet[string]> | undefined;
      if (!item || typeof item !== 'object') invalid(at, 'must have field, op and value');
      const { field, op, value } = item;
      if (typeof field !== 'string' || typeof op !== 'string' || typeof value !== 'string')
        invalid(at, 'must have field, op and value');
      return condition(at, field, op, value, types);
    }),
  };
}

/** `select=a,b` → `['a', 'b']`; undefined (every column) when absent. */
export function parseSelect(text: string | undefined): string[] | undefined {
  return text === undefined ? undefined : parseColumnList(text, 'query.select');
}

/**
 * `order=a.desc,b` → sort keys; `column` alone is ascending. Undefined when absent.
 * @example parseOrder('created_at.desc,id') // [{ column: 'created_at', direction: 'desc' }, { column: 'id', direction: 'asc' }]
 */
export function parseOrder(text: string | undefined): OrderBy[] | undefined {
  if (text === undefined) return undefined;
  return text.split(',').map((part) => {
    const match = /^([^.]+)(?:\.(asc|desc))?$/.exec(part);
    if (!match) invalid('query.order', `"${part}" is not column, column.asc or column.desc`);
    return { column: identifier(match[1], 'query.order'), direction: match[2] === 'desc' ? 'desc' : 'asc' };
  });
}

/** The `resolution` of a `Prefer` header (other preferences are ignored); undefined without one. */
export function parsePrefer(header: string | null | undefined): Resolution | undefined {
  if (!header) return undefined;
  for (const part of header.split(/[,;]/)) {
    const [name, value] = part.split('=').map((s) => s.trim().toLowerCase());
    if (name !== 'resolution') continue;
    if (value === 'merge-duplicates') return 'merge';
    if (value === 'ignore-duplicates') return 'ignore';
    invalid('header.prefer', 'resolution must be merge-duplicates or ignore-duplicates');
  }
  return undefined;
}

/**
 * The upsert options of `POST /rest/v1/{table}`: `Prefer` chooses merge or ignore;
 * `on_conflict` names the conflict target and, without `Prefer`, means merge.
 */
export function upsertOptions(prefer: string | null | undefined, onConflict: string | undefined): InsertOptions {
  const resolution = parsePrefer(prefer);
  const target = onConflict === undefined ? undefined : parseColumnList(onConflict, 'query.on_conflict');
  if (!resolution && !target) return {};
  return {
    upsert: true,
    ...(target ? { onConflict: target } : {}),
    ...(resolution === 'ignore' ? { ignoreDuplicates: true } : {}),
  };
}
