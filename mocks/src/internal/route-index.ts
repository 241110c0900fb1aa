/**
 * The operation a request hits, as `matchOperation` of `@lockstep/contract` finds it (static
 * segments before templates, templates before tails), without walking every operation per
 * request: a map of the static paths, and per method and segment count the templates that can
 * fit, in routing order, listed once.
 */
import { matchesTemplate, type RoutedPath, routingOrder } from '@lockstep/contract';

/** Finds the route of a method (any case) and an encoded pathname; none → `undefined`. */
export type RouteFinder<T> = (method: string, pathname: string) => T | undefined;

/** An index of `routes`, built once; a fully static path that matches always comes first in routing order. */
export function routeIndex<T extends RoutedPath>(routes: T[]): RouteFinder<T> {
  const ordered = routingOrder(routes);
  const statics = new Map<string, T>();
  for (const route of ordered) {
    const key = `${route.method} ${route.path}`;
    if (!route.path.includes('{') && !statics.has(key)) statics.set(key, route);
  }
  const templates = ordered.filter((route) => route.path.includes('{'));
  const longest = Math.max(0, ...templates.map((route) => segmentCount(route.path)));
  const byShape = new Map<string, T[]>();
  return (method, pathname) => {
    const verb = method.toLowerCase();
    const exact = statics.get(`${verb} ${pathname}`);
    if (exact) return exact;
    // Past the longest template only tails fit, the same ones at every length: one list for all.
    const count = Math.min(segmentCount(pathname), longest + 1);
    const shape = `${verb} ${count}`;
    let candidates = byShape.get(shape);
    if (!candidates) {
      candidates = templates.filter((route) => fits(route, verb, count));
      byShape.set(shape, candidates);
    }
    return candidates.find((route) => matchesTemplate(route.path, pathname, route.pathTail));
  };
}

function fits(route: RoutedPath, method: string, count: number): boolean {
  const own = segmentCount(route.path);
  return route.method === method && (route.pathTail ? count >= own : count === own);
}

function segmentCount(path: string): number {
  let count = 0;
  for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) count++;
  return count;
}
