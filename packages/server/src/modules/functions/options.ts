/**
 * The server-wide settings of the functions module: how many sandbox threads run
 * functions, the CPU-time cap of one invocation, and the fixed limits of results, logs and
 * `fetch`. Per-function limits (`timeout_ms`, `memory_mb`) are in the function itself.
 */

import { wholeNumber } from '../../env-number';

/** Functions settings (`ServerConfig.functions`). */
export interface FunctionsOptions {
  /** Sandbox worker threads (`FUNCTIONS_WORKERS`). @default 2 */
  workers: number;
  /** CPU time of one invocation at most, in ms; never more than its `timeout_ms` (`FUNCTIONS_CPU_LIMIT_MS`). @default 10000 */
  cpuLimitMs: number;
  /** Whether allowed hosts may resolve to private or loopback addresses (`FUNCTIONS_ALLOW_PRIVATE_NETWORK`). @default false */
  allowPrivateNetwork: boolean;
  /** Invocations waiting for a sandbox, at most. @default 200 */
  maxQueue: number;
  /** How often each instance reloads triggers changed by other instances, in ms. @default 30000 */
  triggerRefreshMs: number;
}

export const defaultFunctionsOptions: FunctionsOptions = {
  workers: 2,
  cpuLimitMs: 10_000,
  allowPrivateNetwork: false,
  maxQueue: 200,
  triggerRefreshMs: 30_000,
};

/** Result JSON of one invocation, at most (1 MiB). */
export const MAX_RESULT_BYTES = 1024 * 1024;
/** Log lines kept per invocation. */
export const MAX_LOG_LINES = 1000;
/** Log characters kept per invocation, all lines together. */
export const MAX_LOG_CHARS = 256 * 1024;
/** `fetch` calls per invocation. */
export const MAX_FETCHES = 50;

/** The settings the environment gives (absent ones keep their defaults). */
export function functionsOptionsFromEnv(env: NodeJS.ProcessEnv): Partial<FunctionsOptions> {
  const out: Partial<FunctionsOptions> = {};
  if (env.FUNCTIONS_WORKERS) out.workers = wholeNumber('FUNCTIONS_WORKERS', env.FUNCTIONS_WORKERS, 'workers', 1);
  if (env.FUNCTIONS_CPU_LIMIT_MS)
    out.cpuLimitMs = wholeNumber('FUNCTIONS_CPU_LIMIT_MS', env.FUNCTIONS_CPU_LIMIT_MS, 'milliseconds', 1);
  if (env.FUNCTIONS_ALLOW_PRIVATE_NETWORK) out.allowPrivateNetwork = env.FUNCTIONS_ALLOW_PRIVATE_NETWORK === 'true';
  return out;
}
