import { TrieRouter } from 'hono/router/trie-router';
import { describe, expect, it } from 'vitest';
import { CachedRouter } from './cached-router';

function routers() {
  const plain = new TrieRouter<string>();
  const cached = new CachedRouter<string>(new TrieRouter<string>(), 3);
  for (const router of [plain, cached]) {
    router.add('ALL', '*', 'edge');
    router.add('GET', '/rest/v1/:tableName', 'query');
    router.add('POST', '/rest/v1/:tableName', 'insert');
    router.add('GET', '/health', 'health');
  }
  return { plain, cached };
}

describe('CachedRouter', () => {
  it('answers what its router answers, the second time from memory', () => {
    const { plain, cached } = routers();
    for (const [method, path] of [
      ['GET', '/rest/v1/notes'],
      ['GET', '/rest/v1/notes'],
      ['POST', '/rest/v1/events'],
      ['GET', '/health'],
      ['GET', '/nothing'],
      ['GET', '/rest/v1/notes'],
    ]) {
      expect(cached.match(method, path)).toEqual(plain.match(method, path));
    }
    expect(cached.match('GET', '/health')).toBe(cached.match('GET', '/health'));
  });

  it('keeps at most its capacity of paths', () => {
    const { cached } = routers();
    const first = cached.match('GET', '/rest/v1/a');
    for (const table of ['b', 'c', 'd']) cached.match('GET', `/rest/v1/${table}`);
    expect(cached.match('GET', '/rest/v1/a')).not.toBe(first);
    expect(cached.match('GET', '/rest/v1/a')).toEqual(first);
  });
});
