/**
 * A value now, or a promise of it: what a step of a request answers when it may
 * have nothing to wait for (no credential to look up, no body to read). Every `async` step
 * costs a promise and a microtask turn even when it waited for nothing: a `/health` request
 * went through 26 promises, a signed-in get by key through 47, before the pipeline's steps
 * answered this way (17 and 33 after). A caller inside an async function writes
 * `x instanceof Promise ? await x : x`, so that a value already here is not awaited.
 */
export type Awaitable<T> = T | Promise<T>;

/**
 * `next` applied to `value`: at once when the value is here, after it when it is a promise. A
 * chain of steps that each may wait (a cached table description, a privileged caller's row
 * access, a read outside a transaction) then costs no promise when none of them waits.
 * @example andThen(tables.get(name), (meta) => meta.primaryKey)
 */
export function andThen<T, U>(value: Awaitable<T>, next: (value: T) => Awaitable<U>): Awaitable<U> {
  return value instanceof Promise ? value.then(next) : next(value);
}
