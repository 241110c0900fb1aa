/**
 * PostgREST's column filters on `/rest/v1/{table}`, beside the dashboard's indexed form:
 * `done=eq.true`, `age=gte.18`, `name=ilike.*ann*`, `id=in.(1,2)`, `deleted_at=is.null`.
 * A query parameter that is neither one of the operation's own (read from the spec) nor a
 * column of the table answers 400 naming it, instead of being ignored.
 */
import { openapiDocument, operationParameters, walkOperations } from '@lockstep/contract';
import type { Filter } from '../../data/filters';
import { errors } from '../../http/http-error';
import { type ColumnTypes, condition } from './query-params';

/** The query parameter names each operation of the spec declares. */
const declared = new Map(
  walkOperations(openapiDocument).map((op) => [
    op.operationId,
    new Set(
      operationParameters(openapiDocument, op)
        .filter((p) => p.in === 'query')
        .map((p) => String(p.name)),
    ),
  ]),
);

/** Whether `key` is one of the operation's declared parameters (a deepObject one as `name[...]`). */
function isDeclared(operationId: string, key: string): boolean {
  const open = key.indexOf('[');
  return declared.get(operationId)?.has(open < 0 ? key : key.slice(0, open)) ?? false;
}

/** `op.value` of one column filter; PostgREST's `*` wildcard is SQL's `%` in `like` and `ilike`. */
function columnCondition(column: string, text: string, types: ColumnTypes): Filter {
  const at = `query.${column}`;
  const dot = text.indexOf('.');
  if (dot < 1) throw errors.validation([{ field: at, message: 'must be op.value, as eq.true or in.(a,b)' }]);
  const op = text.slice(0, dot);
  let value = text.slice(dot + 1);
  if (op === 'in') {
    if (!/^\(.*\)$/s.test(value))
      throw errors.validation([{ field: at, message: 'in takes a list in parentheses: in.(a,b)' }]);
    value = value.slice(1, -1);
  }
  if (op === 'like' || op === 'ilike') value = value.replaceAll('*', '%');
  return condition(at, column, op, value, types, at);
}

/**
 * The column filters of a request to `operationId` on a table with `types`, ANDed; 400 for
 * a parameter that is neither declared nor a column. Undefined when there are none.
 */
export function parseColumnFilters(
  operationId: string,
  searchParams: Iterable<[string, string]>,
  types: ColumnTypes,
): Filter | undefined {
  const conditions: Filter[] = [];
  for (const [key, value] of searchParams) {
    if (isDeclared(operationId, key)) continue;
    if (types(key) === undefined)
      throw errors.validation([
        { field: `query.${key}`, message: 'is neither a parameter of this operation nor a column of the table' },
      ]);
    conditions.push(columnCondition(key, value, types));
  }
  return conditions.length > 0 ? { and: conditions } : undefined;
}

/** Both filter forms together: the indexed one and the column filters; undefined when neither is sent. */
export function combineFilters(...filters: (Filter | undefined)[]): Filter | undefined {
  const present = filters.filter((f): f is Filter => f !== undefined);
  if (present.length === 0) return undefined;
  return present.length === 1 ? present[0] : { and: present };
}
