/** Spec paths in routing order: at the first segment where two differ, a static one comes before a template. */
export function routingOrder<T extends { path: string }>(routes: T[]): T[] {
  const rank = (path: string) => path.split('/').map((segment) => (segment.startsWith('{') ? 1 : 0));
  return [...routes].sort((a, b) => {
    const ra = rank(a.path);
    const rb = rank(b.path);
    for (let i = 0; i < Math.min(ra.length, rb.length); i++) {
      if (ra[i] !== rb[i]) return ra[i] - rb[i];
    }
    return 0;
  });
}

/** Whether `pathname` matches a spec path template. */
export function matchesTemplate(template: string, pathname: string): boolean {
  const a = template.split('/');
  const b = pathname.split('/');
  return a.length === b.length && a.every((segment, i) => (segment.startsWith('{') ? b[i] !== '' : segment === b[i]));
}

/** The operation a request hits: static segments win over templates, as the server routes. */
export function matchOperation<T extends { method: string; path: string }>(
  ops: T[],
  method: string,
  pathname: string,
): T | undefined {
  return routingOrder(ops).find((op) => op.method === method.toLowerCase() && matchesTemplate(op.path, pathname));
}
