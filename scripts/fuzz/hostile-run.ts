/**
 * A schema-driven fuzz run of the reference server, as a hostile client would send it:
 * starts the server on a fresh SQLite file or PostgreSQL schema, makes an admin and a user,
 * and runs `lockstep contract --fuzz N` against it over HTTP. Any 500, undocumented status
 * or response body that fails its schema fails the run.
 *
 *   npx tsx --conditions=source scripts/fuzz/hostile-run.ts --engine sqlite --fuzz 400
 *   npx tsx --conditions=source scripts/fuzz/hostile-run.ts --engine postgres --fuzz 400
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { run as contract } from '../../packages/cli/src/commands/contract';
import { createApp, listen } from '../../packages/server/src/index';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'sqlite' },
    fuzz: { type: 'string', default: '400' },
    seed: { type: 'string', default: '20261204' },
    junit: { type: 'string' },
  },
});
const postgresUrl = process.env.LOCKSTEP_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const dataDir = mkdtempSync(join(tmpdir(), 'lockstep-fuzz-'));
const pgSchema = values.engine === 'postgres' ? `fuzz_${process.pid}_${Date.now().toString(36)}` : undefined;

async function post(base: string, path: string, body: unknown, token?: string): Promise<any> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(base + path, { method: 'POST', headers, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
}

const app = await createApp({
  dataDir,
  databaseUrl: pgSchema ? postgresUrl : undefined,
  pgSchema,
  logLevel: 'silent',
  rateLimits: {
    login: { points: 100_000, duration: 60 },
    loginPerAddress: { points: 100_000, duration: 60 },
    signup: { points: 100_000, duration: 60 },
    forgotPassword: { points: 100_000, duration: 60 },
  },
});
const server = await listen(app, 0, '127.0.0.1', false);
let code = 1;
try {
  await app.services.setup.completeHeadless('fuzz-admin@example.com', 'Fuzz-admin-pass-1');
  const admin = await post(server.url, '/auth/login', {
    email: 'fuzz-admin@example.com',
    password: 'Fuzz-admin-pass-1',
  });
  const user = await post(server.url, '/auth/signup', { email: 'fuzz-user@example.com', password: 'Fuzz-user-pass-1' });
  const args = ['--base-url', server.url, '--token', user.access_token, '--admin-token', admin.access_token];
  args.push('--fuzz', values.fuzz as string, '--seed', values.seed as string);
  if (values.junit) args.push('--junit', values.junit);
  console.log(`fuzzing the reference server on ${values.engine} at ${server.url} (${values.fuzz} cases per operation)`);
  code = await contract(args);
} finally {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
  if (pgSchema) await dropSchema(pgSchema);
}
process.exit(code);
