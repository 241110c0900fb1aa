/**
 * The `filters` query parameter of `getTableData`: a JSON-encoded array of
 * `DatabaseFilterItem`, validated against the spec's own schema and turned into the data
 * core's `Filter` (items ANDed).
 */
import { createAjv, fieldErrors, openapiDocument, pointer, type Validator } from '@lockstep/contract';
import type { Filter } from '../../data/filters';
import { errors } from '../../http/http-error';

let validate: Validator | undefined;

function validator(): Validator {
  validate ??= createAjv(openapiDocument, false).compile({
    type: 'array',
    maxItems: 100,
    items: { $ref: pointer('components', 'schemas', 'DatabaseFilterItem') },
  });
  return validate;
}

type Item = { field: string; operator: string; value: unknown } | { or: Item[] } | { and: Item[] };

function toFilter(item: Item): Filter {
  if ('or' in item) return { or: item.or.map(toFilter) };
  if ('and' in item) return { and: item.and.map(toFilter) };
  return { column: item.field, op: item.operator as 'eq', value: item.value };
}

/**
 * Parses `filters`; undefined when absent. 400 VALIDATION_FAILED when it is not JSON or not
 * an array of filter items.
 * @example parseFiltersParam('[{"field":"id","operator":"eq","value":1}]') // { and: [{ column: 'id', op: 'eq', value: 1 }] }
 */
export function parseFiltersParam(text: string | undefined): Filter | undefined {
  if (text === undefined || text === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw errors.validation([{ field: 'query.filters', message: 'is not valid JSON' }]);
  }
  const check = validator();
  if (!check(parsed)) {
    const details = fieldErrors(check.errors, 'query.filters');
    throw errors.validation(details, `query.filters: ${details[0]?.message ?? 'is invalid'}`);
  }
  return { and: (parsed as Item[]).map(toFilter) };
}
