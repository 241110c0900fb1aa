/** Lists in pages: `limit`/`offset` as the spec's shared parameters give them, and the `X-Total-Count` header. */

/** The page of a list a query asks for. @default limit 50, offset 0 */
export interface PageQuery {
  limit?: number;
  offset?: number;
}

/** The default page size of every list. */
export const DEFAULT_LIMIT = 50;

/** The items of `all` on the page `query` asks for. */
export function pageOf<T>(all: readonly T[], query: PageQuery): T[] {
  const offset = query.offset ?? 0;
  return all.slice(offset, offset + (query.limit ?? DEFAULT_LIMIT));
}

/** The `X-Total-Count` header of a list of `total` items. */
export function totalHeader(total: number): Record<string, string> {
  return { 'X-Total-Count': String(total) };
}
