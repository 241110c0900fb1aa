/**
 * How a request path finds its operation, the same for the server, the mocks, the SDK's
 * checks and the test harness: static segments win over templates, and a trailing
 * parameter marked `x-lockstep-path-tail: true` (a file key) takes the rest of the path,
 * slashes included, after every fixed-length template has had its chance.
 */
import { operationParameters, walkOperations } from './spec/operations';

/** The spec extension that lets a path's last parameter take slashes. */
export const PATH_TAIL_EXTENSION = 'x-lockstep-path-tail';

/** What routing needs of an operation: its method, its path template, and whether its last parameter is a tail. */
export interface RoutedPath {
  method: string;
  path: string;
  /** The last path parameter takes the rest of the path, slashes included. */
  pathTail?: boolean;
}

/** The name of the path's last segment when it is a template (`/a/{key}` → `key`). */
export function trailingParameter(path: string): string | undefined {
  return /\/\{([^}]+)\}$/.exec(path)?.[1];
}

/** Whether the operation at `path` and `method` of `doc` has a tail parameter (the extension on its last segment's parameter). */
export function hasPathTail(doc: { paths?: unknown }, path: string, method: string): boolean {
  const name = trailingParameter(path);
  if (!name) return false;
  const walked = walkOperations(doc).find((op) => op.path === path && op.method === method);
  if (!walked) return false;
  const param = operationParameters(doc, walked).find((p) => p.in === 'path' && p.name === name);
  return param?.[PATH_TAIL_EXTENSION] === true;
}

/** Spec paths in routing order: at the first segment where two differ, a static one comes before a template, and a template before a tail. */
export function routingOrder<T extends { path: string; pathTail?: boolean }>(routes: T[]): T[] {
  const rank = (route: T) => {
    const segments = route.path.split('/');
    return segments.map((segment, i) => {
      if (!segment.startsWith('{')) return 0;
      return route.pathTail && i === segments.length - 1 ? 2 : 1;
    });
  };
  return [...routes].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    for (let i = 0; i < Math.min(ra.length, rb.length); i++) {
      if (ra[i] !== rb[i]) return ra[i] - rb[i];
    }
    return 0;
  });
}

/** Whether `pathname` matches a spec path template; with `pathTail`, the last parameter takes the rest (the key rules judge its segments). */
export function matchesTemplate(template: string, pathname: string, pathTail = false): boolean {
  const a = template.split('/');
  const b = pathname.split('/');
  const fixed = (segment: string, i: number) => (segment.startsWith('{') ? b[i] !== '' : segment === b[i]);
  if (!pathTail) return a.length === b.length && a.every(fixed);
  const head = a.slice(0, -1);
  return b.length >= a.length && head.every(fixed) && b.slice(head.length).join('/') !== '';
}

/** The operation a request hits: static segments win over templates, and templates over tails, as the server routes. */
export function matchOperation<T extends RoutedPath>(ops: T[], method: string, pathname: string): T | undefined {
  return routingOrder(ops).find(
    (op) => op.method === method.toLowerCase() && matchesTemplate(op.path, pathname, op.pathTail),
  );
}
