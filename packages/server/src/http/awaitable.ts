/**
 * A value now, or a promise of it: what a step of the request pipeline answers when it may
 * have nothing to wait for (no credential to look up, no body to read). Every `async` step
 * costs a promise and a microtask turn even when it waited for nothing: a `/health` request
 * went through 26 promises, a signed-in get by key through 47, before the pipeline's steps
 * answered this way (17 and 33 after). A caller inside an async function writes
 * `x instanceof Promise ? await x : x`, so that a value already here is not awaited.
 */
export type Awaitable<T> = T | Promise<T>;
