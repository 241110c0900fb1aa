/** Row filters of the data builder, as `/rest/v1` takes them: `filter[i][field|op|value]`, all ANDed. */

/** A comparison `/rest/v1` knows. */
export type FilterOp = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'like' | 'ilike' | 'in' | 'is';

/** One filter, its value already text. */
export interface Filter {
  field: string;
  op: FilterOp;
  value: string;
}

/** A filter value as text: the server converts it back to the column's type. */
export function filterText(value: unknown): string {
  if (value === null) return 'null';
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** An `in` list: elements holding a comma or a double quote are quoted, inner quotes doubled. */
export function inList(values: readonly unknown[]): string {
  return values
    .map(filterText)
    .map((text) => (/[,"]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text))
    .join(',');
}

/** The `filter` query parameter: the filters keyed by index. */
export function filterParam(filters: readonly Filter[]): Record<string, Filter> {
  return Object.fromEntries(filters.map((filter, index) => [String(index), filter]));
}

/** A query string with nested objects as `name[key][sub]=value` (openapi-fetch nests one level only). */
export function deepQuery(query: Record<string, unknown> = {}): string {
  const parts: string[] = [];
  const add = (name: string, value: unknown): void => {
    if (value === undefined) return;
    if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) add(`${name}[${key}]`, inner);
    } else
      parts.push(
        `${encodeURIComponent(name).replaceAll('%5B', '[').replaceAll('%5D', ']')}=${encodeURIComponent(String(value))}`,
      );
  };
  for (const [name, value] of Object.entries(query)) add(name, value);
  return parts.join('&');
}
