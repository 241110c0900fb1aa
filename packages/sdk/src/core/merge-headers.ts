/**
 * A call's headers merged as openapi-fetch's `mergeHeaders` merges them, into a plain record (or
 * none at all): a `Headers` object, read and written per call and converted again by
 * `new Request`, costs more than the merge itself.
 */

/** What a call's headers may come as: the client's, the call's, `params.header`. */
export type HeaderSource = HeadersInit | Record<string, unknown> | undefined;

/**
 * Later sources win, `null` removes, an array repeats the header (values joined by `, `); names in
 * lower case. Undefined when no source is given: the common call has no headers to merge.
 */
export function mergeHeaders(...sources: HeaderSource[]): Record<string, string> | undefined {
  let merged: Map<string, string> | undefined;
  for (const source of sources) {
    if (!source || typeof source !== 'object') continue;
    merged ??= new Map();
    for (const [key, value] of source instanceof Headers ? source : Object.entries(source)) {
      const name = key.toLowerCase();
      if (value === null) merged.delete(name);
      else if (Array.isArray(value)) for (const item of value) merged.set(name, append(merged.get(name), item));
      else if (value !== undefined) merged.set(name, `${value}`);
    }
  }
  // Merged in a Map: a header named `constructor` is a header like any other, not an inherited value.
  return merged && Object.fromEntries(merged);
}

function append(current: string | undefined, value: unknown): string {
  return current === undefined ? `${value}` : `${current}, ${value}`;
}
