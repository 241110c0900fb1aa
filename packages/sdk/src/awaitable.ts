/** Values a `TokenStorage` may give at once (localStorage, memory) or later (an async store), without a tick when at once. */

/** A value now, or a promise of it. */
export type Awaitable<T> = T | PromiseLike<T>;

/** Whether `value` is a promise (or another thenable) rather than the value itself. */
export function isPromiseLike<T>(value: Awaitable<T>): value is PromiseLike<T> {
  return typeof (value as PromiseLike<T> | null)?.then === 'function';
}

/** `next(value)` at once when `value` is there, once it resolves otherwise: an await costs every call a tick. */
export function whenReady<T, R>(value: Awaitable<T>, next: (value: T) => R): R | Promise<Awaited<R>> {
  return isPromiseLike(value) ? (Promise.resolve(value).then(next) as Promise<Awaited<R>>) : next(value);
}
