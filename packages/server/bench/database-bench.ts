/**
 * The data core's overhead, measured against the driver in the same run: get one row by id
 * and list 50 rows, N times each, through the in-process server (`app.fetch` with an admin
 * token, `GET /api/tables/items/data`, the full pipeline: routing, credentials, validation,
 * catalogue checks, the total count) and through the driver directly (better-sqlite3
 * prepared statements; pg with the same SQL when PostgreSQL is reachable). A third figure
 * is the data core alone (`services.rows`, no HTTP), to show where the time goes.
 *
 * Run: npx tsx --conditions=source packages/server/bench/database-bench.ts [iterations]
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { type App, createApp } from '../src/app';
import { postgresReachable, testPostgresUrl } from '../src/db/test-postgres';

const N = Number(process.argv[2] ?? process.env.BENCH_N ?? 2000);
const ROWS = 1000;
const PG_URL = testPostgresUrl;
const BASE = 'http://bench.local';

interface Case {
  name: string;
  run: (i: number) => Promise<unknown> | unknown;
}

async function time(run: Case['run'], n: number): Promise<number> {
  for (let i = 0; i < Math.min(1000, n); i++) await run(i);
  const started = performance.now();
  for (let i = 0; i < n; i++) await run(i);
  return n / ((performance.now() - started) / 1000);
}

async function serverClient(app: App) {
  const post = (path: string, body: unknown, token?: string) =>
    app.fetch(
      new Request(BASE + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      }),
    );
  const password = 'Bench-passphrase-1';
  await post('/setup/admin', { email: 'bench@example.com', password, confirm_password: password });
  const login = await (await post('/auth/login', { email: 'bench@example.com', password })).json();
  const token: string = login.access_token;
  const created = await post(
    '/api/tables',
    {
      name: 'items',
      columns: [
        { name: 'title', type: 'text', nullable: false },
        { name: 'n', type: 'integer' },
        { name: 'flag', type: 'boolean', nullable: false, default: false },
      ],
    },
    token,
  );
  if (created.status !== 201) throw new Error(`createTable: ${created.status} ${await created.text()}`);
  return { token };
}

async function seed(app: App): Promise<void> {
  const admin = { kind: 'user', userId: 'bench', email: 'bench@example.com', role: 'admin' } as const;
  const rows = Array.from({ length: ROWS }, (_, i) => ({ title: `item ${i + 1}`, n: i, flag: i % 2 === 0 }));
  await app.services.rows.insert(admin, 'items', rows);
}

function serverCases(app: App, token: string): Case[] {
  const headers = { authorization: `Bearer ${token}` };
  const byId = Array.from(
    { length: ROWS },
    (_, i) =>
      `${BASE}/api/tables/items/data?limit=1&filters=${encodeURIComponent(JSON.stringify([{ field: 'id', operator: 'eq', value: i + 1 }]))}`,
  );
  const pages = Array.from({ length: ROWS / 50 }, (_, i) => `${BASE}/api/tables/items/data?limit=50&offset=${i * 50}`);
  const get = async (url: string) => {
    const res = await app.fetch(new Request(url, { headers }));
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  return [
    { name: 'get by id', run: (i) => get(byId[i % ROWS]) },
    { name: 'list 50', run: (i) => get(pages[i % pages.length]) },
  ];
}

function coreCases(app: App): Case[] {
  const admin = { kind: 'user', userId: 'bench', email: 'bench@example.com', role: 'admin' } as const;
  return [
    { name: 'get by id', run: (i) => app.services.rows.getByKey(admin, 'items', (i % ROWS) + 1) },
    {
      name: 'list 50',
      run: (i) => app.services.rows.select(admin, { table: 'items', limit: 50, offset: (i % (ROWS / 50)) * 50 }),
    },
  ];
}

function sqliteDriverCases(file: string): { cases: Case[]; close: () => void } {
  const db = new SQLite(file);
  const one = db.prepare('select * from items where id = ?');
  const page = db.prepare('select * from items order by id limit 50 offset ?');
  return {
    cases: [
      { name: 'get by id', run: (i) => one.get((i % ROWS) + 1) },
      { name: 'list 50', run: (i) => page.all((i % (ROWS / 50)) * 50) },
    ],
    close: () => db.close(),
  };
}

function pgDriverCases(schema: string): { cases: Case[]; close: () => Promise<void> } {
  const pool = new pg.Pool({ connectionString: PG_URL, max: 1, options: `-c search_path=${schema}` });
  return {
    cases: [
      {
        name: 'get by id',
        run: (i) => pool.query({ name: 'one', text: 'select * from items where id = $1', values: [(i % ROWS) + 1] }),
      },
      {
        name: 'list 50',
        run: (i) =>
          pool.query({
            name: 'page',
            text: 'select * from items order by id limit 50 offset $1',
            values: [(i % (ROWS / 50)) * 50],
          }),
      },
    ],
    close: () => pool.end(),
  };
}

function report(engine: string, driver: string, server: Case[], results: number[][]): void {
  server.forEach((c, i) => {
    const [viaServer, viaCore, viaDriver] = results[i];
    const ops = (n: number) => `${n.toFixed(0).padStart(7)} ops/s`;
    console.log(
      `${engine.padEnd(8)} ${c.name.padEnd(10)} server ${ops(viaServer)}  core ${ops(viaCore)}  ${driver.padEnd(14)} ${ops(viaDriver)}  server/driver ${(viaServer / viaDriver).toFixed(3)} (${(viaDriver / viaServer).toFixed(1)}x slower; core/driver ${(viaCore / viaDriver).toFixed(3)})`,
    );
  });
}

async function bench(engine: 'sqlite' | 'postgres'): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lockstep-bench-'));
  const pgSchema = engine === 'postgres' ? `bench_${randomBytes(4).toString('hex')}` : undefined;
  const app = await createApp({
    dataDir,
    databaseUrl: engine === 'postgres' ? PG_URL : undefined,
    pgSchema,
    logLevel: 'silent',
    jwtSecret: 'bench-secret-0123456789abcdef0123456789',
  });
  try {
    const { token } = await serverClient(app);
    await seed(app);
    const server = serverCases(app, token);
    const core = coreCases(app);
    const driver = engine === 'sqlite' ? sqliteDriverCases(join(dataDir, 'lockstep.db')) : pgDriverCases(pgSchema!);
    const results: number[][] = [];
    for (let i = 0; i < server.length; i++) {
      results.push([await time(server[i].run, N), await time(core[i].run, N), await time(driver.cases[i].run, N)]);
    }
    report(engine, engine === 'sqlite' ? 'better-sqlite3' : 'pg', server, results);
    await driver.close();
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (pgSchema) {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`drop schema if exists ${pgSchema} cascade`);
      await client.end();
    }
  }
}

console.log(`${N} iterations each, ${ROWS} rows; Node ${process.version}`);
await bench('sqlite');
if (await postgresReachable(PG_URL)) await bench('postgres');
else console.log('postgres  skipped: not reachable at', PG_URL);
