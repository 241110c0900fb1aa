/**
 * The reference server as the benchmark runs it: a child process listening on PORT, on
 * SQLite in DATA_DIR or on PostgreSQL at DATABASE_URL (schema PG_SCHEMA). Rate limits are
 * raised so the login scenario measures the login, not the limiter; everything else is the
 * production default (info logs, to a discarded stdout).
 */
import { createApp, listen } from '@lockstep/server';
import { answerCpuQueries } from './cpu-report';

const limit = { points: 1_000_000_000, duration: 60 };
const app = await createApp({
  dataDir: process.env.DATA_DIR,
  databaseUrl: process.env.DATABASE_URL,
  pgSchema: process.env.PG_SCHEMA,
  setupToken: process.env.SETUP_TOKEN,
  jwtSecret: 'bench-secret-bench-secret-bench-secret-0123456789',
  rateLimits: { login: limit, loginPerAddress: limit, signup: limit, forgotPassword: limit },
});
const server = await listen(app, Number(process.env.PORT), '127.0.0.1');
answerCpuQueries();
process.send?.({ ready: server.url });
