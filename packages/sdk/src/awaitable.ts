/** Values a `TokenStorage` may give at once (localStorage, memory) or later (an async store), without a tick when at once. */

/** A value now, or a promise of it. */
export type Awaitable<T> = T | PromiseLike<T>;

/** `next(value)` at once when `value` is there, once it resolves otherwise: an await costs every call a tick. */
export function whenReady<T, R>(value: Awaitable<T>, next: (value: T) => R): R | Promise<Awaited<R>> {
  return typeof (value as PromiseLike<T> | null)?.then === 'function'
    ? (Promise.resolve(value).then(next) as Promise<Awaited<R>>)
    : next(value as T);
}
