/**
 * A call's headers merged by openapi-fetch's `mergeHeaders` (later sources win, `null` removes, an
 * array repeats the header), as a plain record, or none at all when the call has no headers: a
 * `Headers` object per call, read and written and converted again by `new Request`, costs the
 * common call more than its own work.
 */
import { mergeHeaders as mergeAsOpenApiFetch } from 'openapi-fetch';

/** What a call's headers may come as: the client's, the call's, `params.header`. */
export type HeaderSource = HeadersInit | Record<string, unknown> | undefined;

/** The merged headers by lower-case name; undefined when no source is given. */
export function mergeHeaders(...sources: HeaderSource[]): Record<string, string> | undefined {
  return sources.some(Boolean) ? Object.fromEntries(mergeAsOpenApiFetch(...(sources as HeadersInit[]))) : undefined;
}
