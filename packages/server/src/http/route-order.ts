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

/** A spec path template as a Hono route: `{userId}` becomes `:userId`. */
export function toRouterPath(path: string): string {
  return path.replace(/\{([^}]+)\}/g, ':$1');
}

/** Whether `pathname` matches a spec path template. */
export function matchesTemplate(template: string, pathname: string): boolean {
  const a = template.split('/');
  const b = pathname.split('/');
  return a.length === b.length && a.every((segment, i) => segment.startsWith('{') ? b[i] !== '' : segment === b[i]);
}
