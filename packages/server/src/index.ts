/**
 * The Lockstep reference server. `createApp()` gives a fetch handler to call in-process;
 * `listen()` serves it over HTTP with graceful shutdown.
 * @example
 * const app = await createApp({ dataDir: './data' });
 * const res = await app.fetch(new Request('http://local/health'));
 */
export { type App, createApp } from './app';
export { configFromEnv, defaultConfig, type ServerConfig } from './config';
export { handlers } from './handlers';
export type { Handler, HandlerContext, HandlerMap, ModuleHandlers } from './http/handler-types';
export { HttpError } from './http/http-error';
export { isNotImplemented } from './modules/not-implemented';
export { listen, type RunningServer } from './node-server';
