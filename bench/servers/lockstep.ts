/**
 * The reference server as the benchmark runs it: a child process listening on PORT, on
 * SQLite in DATA_DIR or on PostgreSQL at DATABASE_URL (schema PG_SCHEMA). Rate limits are
 * raised so the login scenario measures the login, not the limiter; everything else is as
 * `lockstep serve` configures it from the environment (by default info logs, to a discarded
 * stdout). Until 2026-12-07 the environment was not read, so the layers' "logs and
 * observability off" row measured the server as shipped.
 */
import { configFromEnv, createApp, listen } from '@lockstep/server';
import { benchConfig } from './bench-config';
import { answerCpuQueries } from './cpu-report';

const app = await createApp({
  // DATA_DIR, DATABASE_URL, SETUP_TOKEN, and the layers' `LOG_LEVEL=silent OBSERVABILITY=off`.
  ...configFromEnv(),
  pgSchema: process.env.PG_SCHEMA,
  ...benchConfig,
});
const server = await listen(app, Number(process.env.PORT), '127.0.0.1');
answerCpuQueries();
process.send?.({ ready: server.url });
