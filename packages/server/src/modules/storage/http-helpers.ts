/** What the storage routes share: list headers, the request's origin, download conditions. */

/** The `X-Total-Count` header of a list. */
export function totalHeader(total: number): Record<string, string> {
  return { 'X-Total-Count': String(total) };
}

/** The origin signed URLs point at: the request's, or the proxy's when it is trusted. */
export function originOf(request: Request, trustProxy: boolean): string {
  const url = new URL(request.url);
  const host = trustProxy ? request.headers.get('x-forwarded-host')?.split(',')[0].trim() : undefined;
  if (!host) return url.origin;
  const proto = request.headers.get('x-forwarded-proto')?.split(',')[0].trim() || url.protocol.slice(0, -1);
  return `${proto}://${host}`;
}

/** The conditional and range headers of a download. */
export function conditionsOf(headers: Headers) {
  return { range: headers.get('range'), ifNoneMatch: headers.get('if-none-match') };
}
