import { matchOperation, openapiDocument, type RoutedPath } from '@lockstep/contract';
import { describe, expect, it } from 'vitest';
import { requestFor } from '../test-support/request-for';
import { routeIndex } from './route-index';
import { specOperations } from './spec-operations';

const ops = specOperations(openapiDocument);
const find = routeIndex(ops);

/** Every operation's own request, then the same path bent: trailing slash, one segment more or less, deeper tails. */
function bentPaths(): string[] {
  return ops.flatMap(({ operationId }) => {
    const { pathname } = new URL(requestFor(operationId).url);
    return [
      pathname,
      `${pathname}/`,
      `${pathname}/x`,
      `${pathname}/x/y/z`,
      pathname.replace(/\/[^/]+$/, ''),
      `/v2${pathname}`,
    ];
  });
}

describe('routeIndex', () => {
  it('finds what matchOperation finds, for every method and every path of the spec, bent or not', () => {
    const methods = [...new Set(ops.map((op) => op.method))];
    for (const method of methods)
      for (const pathname of bentPaths())
        expect(find(method.toUpperCase(), pathname)?.operationId, `${method} ${pathname}`).toBe(
          matchOperation(ops, method, pathname)?.operationId,
        );
  });
  it('keeps routing order where a tail ranks before a fixed template', () => {
    const routes: (RoutedPath & { id: string })[] = [
      { id: 'fixed', method: 'get', path: '/{a}/b/c' },
      { id: 'tail', method: 'get', path: '/x/{rest}', pathTail: true },
    ];
    const cases = { '/x/b/c': 'tail', '/y/b/c': 'fixed', '/x/q/c/d/e/f/g/h': 'tail', '/y/q/c': undefined };
    for (const [pathname, id] of Object.entries(cases)) {
      expect(routeIndex(routes)('GET', pathname)?.id, pathname).toBe(id);
      expect(matchOperation(routes, 'GET', pathname)?.id, pathname).toBe(id);
    }
    expect(routeIndex(routes)('POST', '/x/b/c')).toBeUndefined();
  });
  it('puts a static path before any template that matches it too', () => {
    const routes = [
      { id: 'tail', method: 'get', path: '/x/{rest}', pathTail: true },
      { id: 'static', method: 'get', path: '/x/b/c' },
    ];
    expect(routeIndex(routes)('get', '/x/b/c')?.id).toBe('static');
  });
});
