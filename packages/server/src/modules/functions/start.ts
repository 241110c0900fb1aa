/**
 * Builds the functions module for one server: the sandbox pool, the secrets vault, the
 * runner, the service and the triggers (schedules and row-change watches), wired so that a
 * change to a function reloads the triggers and closing the service stops them all.
 */
import type { Leases } from '../../data/leases';
import type { RowService } from '../../data/row-service';
import type { ServerEvents } from '../../data/server-events';
import type { Database } from '../../db/database';
import type { Logger } from '../../log';
import type { RealtimeService } from '../realtime/service';
import { defaultFunctionsOptions, type FunctionsOptions } from './options';
import { Runner } from './runner';
import { SandboxPool } from './sandbox/pool';
import { EnvVarsVault } from './secrets';
import { FunctionsService } from './service';
import { FunctionsStore } from './store';
import { FunctionTriggers } from './triggers';

/** What the functions module needs from the server. */
export interface FunctionsDeps {
  database: Database;
  rows: RowService;
  leases: Leases;
  realtime: RealtimeService;
  log: Logger;
  /** The server's secret (the one that signs tokens); the env-vars key is derived from it. */
  secret: Uint8Array;
  /** Where invocation outcomes are told (`functions.invocation.succeeded|failed`). */
  events: ServerEvents;
  options?: Partial<FunctionsOptions>;
}

/** Starts the functions module; `service.close()` stops it. */
export async function startFunctions(deps: FunctionsDeps): Promise<FunctionsService> {
  const options = { ...defaultFunctionsOptions, ...deps.options };
  const store = new FunctionsStore(deps.database.db);
  const pool = new SandboxPool({ size: options.workers, maxQueue: options.maxQueue });
  const runner = new Runner(store, new EnvVarsVault(deps.secret), pool, options, deps.events);
  const service = new FunctionsService(store, new EnvVarsVault(deps.secret), runner);
  const triggers = new FunctionTriggers({
    store,
    runner,
    leases: deps.leases,
    rows: deps.rows,
    engine: deps.database.engine,
    log: deps.log,
    watchChanges: (watcher) => deps.realtime.watchChanges(watcher),
    refreshMs: options.triggerRefreshMs,
  });
  await triggers.start();
  service.triggers = triggers;
  service.onChange = () => void triggers.reload();
  service.close = async () => {
    await triggers.stop();
    await pool.close();
  };
  return service;
}
