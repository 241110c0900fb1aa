/**
 * Hono's router with its answers remembered by method and path. The spec's paths defeat
 * Hono's fastest router (RegExpRouter refuses two templates naming the same segment
 * differently, as `/api/migrations/{name}` and `/api/migrations/{migrationId}/apply` do), so
 * the server routes with its TrieRouter, which walks the tree on every request; an API's
 * requests repeat their paths, and a remembered answer costs one map lookup. Bounded: past
 * `capacity` paths the memory starts over, so paths that never repeat (ids) cannot grow it.
 */
import type { Router } from 'hono/router';
import { TrieRouter } from 'hono/router/trie-router';

type Result<T> = ReturnType<Router<T>['match']>;

export class CachedRouter<T> implements Router<T> {
  readonly name = 'CachedRouter';
  private readonly answers = new Map<string, Result<T>>();

  constructor(
    private readonly inner: Router<T> = new TrieRouter<T>(),
    private readonly capacity = 2000,
  ) {}

  add(method: string, path: string, handler: T): void {
    this.answers.clear();
    this.inner.add(method, path, handler);
  }

  match(method: string, path: string): Result<T> {
    const key = `${method} ${path}`;
    const known = this.answers.get(key);
    if (known) return known;
    const answer = this.inner.match(method, path);
    if (this.answers.size >= this.capacity) this.answers.clear();
    this.answers.set(key, answer);
    return answer;
  }
}
