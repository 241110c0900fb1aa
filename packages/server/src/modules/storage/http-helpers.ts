/** What the storage routes share: list headers, the server's origin, download conditions. */

/**
 * The origin signed URLs point at: the server's configured public URL, never a header a
 * client (or anybody in front of a proxy) could set.
 */
export function originOf(config: { apiUrl?: string; port: number }): string {
  return (config.apiUrl ?? `http://localhost:${config.port}`).replace(/\/+$/, '');
}

/** The conditional and range headers of a download. */
export function conditionsOf(headers: Headers) {
  return { range: headers.get('range'), ifNoneMatch: headers.get('if-none-match') };
}
