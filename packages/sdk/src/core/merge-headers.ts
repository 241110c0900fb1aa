/**
 * A call's headers merged as openapi-fetch's `mergeHeaders` merges them, into a plain record: a
 * `Headers` object, read and written per call and converted again by `new Request`, costs more
 * than the merge itself.
 */

/** What a call's headers may come as: the client's, the call's, `params.header`. */
export type HeaderSource = HeadersInit | Record<string, unknown> | undefined;

/** Later sources win, `null` removes, an array repeats the header (values joined by `, `); names in lower case. */
export function mergeHeaders(...sources: HeaderSource[]): Record<string, string> {
  // No prototype: a header named `__proto__` or `constructor` is a header like any other.
  const merged: Record<string, string> = Object.create(null);
  for (const source of sources) {
    if (!source || typeof source !== 'object') continue;
    for (const [key, value] of source instanceof Headers ? source : Object.entries(source)) {
      const name = key.toLowerCase();
      if (value === null) delete merged[name];
      else if (Array.isArray(value)) for (const item of value) merged[name] = append(merged[name], item);
      else if (value !== undefined) merged[name] = `${value}`;
    }
  }
  return merged;
}

function append(current: string | undefined, value: unknown): string {
  return current === undefined ? `${value}` : `${current}, ${value}`;
}
