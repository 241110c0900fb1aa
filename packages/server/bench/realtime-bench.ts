/**
 * The realtime WebSocket against a bare `ws` server measured in the same run:
 *   1. memory per idle connection (server RSS and heap growth per socket);
 *   2. fan-out of a steady stream of row changes to many subscribers with row-level security
 *      on (deliveries per second, p50/p99 from commit to receipt), against a bare `ws`
 *      server broadcasting the same number of frames at the same rate;
 *   3. on PostgreSQL, cross-instance latency (write on A, subscribers on B) against
 *      same-instance latency.
 * Clients run in a child process (realtime-bench-clients.ts).
 *
 * Run: npx tsx --conditions=source packages/server/bench/realtime-bench.ts [idle sockets] [subscribers] [rows/s] [seconds]
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { type App, createApp } from '../src/app';
import { postgresReachable, testPostgresUrl } from '../src/db/test-postgres';
import { listen } from '../src/node-server';

const IDLE = Number(process.argv[2] ?? 10_000);
const SUBSCRIBERS = Number(process.argv[3] ?? 1000);
const RATE = Number(process.argv[4] ?? 50);
const SECONDS = Number(process.argv[5] ?? 5);
const USERS = 20;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function clients(): { ask: (m: object) => Promise<any>; child: ChildProcess } {
  const child = fork(new URL('./realtime-bench-clients.ts', import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
  });
  const ask = (m: object) =>
    new Promise<any>((resolve) => {
      child.once('message', resolve);
      child.send(m);
    });
  return { ask, child };
}

function memory(): { rss: number; heap: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed + m.external + m.arrayBuffers };
}

async function call(app: App, method: string, path: string, body?: unknown, token?: string): Promise<any> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await app.fetch(
    new Request(`http://bench.local${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
  return res.json().catch(() => undefined);
}

async function people(app: App): Promise<{ admin: string; users: { id: string; token: string }[] }> {
  const password = 'Bench-passphrase-1';
  await call(app, 'POST', '/setup/admin', { email: 'admin@bench.io', password, confirm_password: password });
  const admin = (await call(app, 'POST', '/auth/login', { email: 'admin@bench.io', password })).access_token;
  const users = [];
  for (let i = 0; i < USERS; i++) {
    const r = await call(app, 'POST', '/auth/signup', { email: `u${i}@bench.io`, password });
    users.push({ id: r.user.id, token: r.access_token });
  }
  return { admin, users };
}

async function benchTable(app: App, admin: string): Promise<void> {
  const table = {
    name: 'bench_rows',
    columns: [
      { name: 'owner_id', type: 'text' },
      { name: 'public', type: 'boolean' },
      { name: 'sent_at', type: 'bigint' },
      { name: 'body', type: 'text' },
    ],
  };
  await call(app, 'POST', '/api/tables', table, admin);
  const policy = { name: 'own or public', operation: 'select', expression: 'owner_id = auth.uid() or public = true' };
  await call(app, 'POST', '/auth/rls/bench_rows', policy, admin);
}

async function writeStream(app: App, rate: number, seconds: number): Promise<number> {
  const db = app.services.database.db as any;
  const total = rate * seconds;
  const started = Date.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    if (due > Date.now()) await sleep(due - Date.now());
    await db
      .insertInto('bench_rows')
      .values({
        owner_id: 'nobody',
        public: app.services.database.engine === 'sqlite' ? 1 : true,
        sent_at: Date.now(),
        body: 'x'.repeat(64),
      })
      .execute();
  }
  return total;
}

async function idleMemory(url: string, n: number): Promise<{ rss: number; heap: number }> {
  const c = clients();
  const before = memory();
  await c.ask({ cmd: 'open', urls: [url], n });
  await sleep(500);
  const after = memory();
  await c.ask({ cmd: 'close' });
  c.child.kill();
  return { rss: (after.rss - before.rss) / n, heap: (after.heap - before.heap) / n };
}

function bareServer(): Promise<{ url: string; wss: WebSocketServer; close: () => void }> {
  const server = createServer();
  const wss = new WebSocketServer({ server, perMessageDeflate: false });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      resolve({ url: `ws://127.0.0.1:${port}/`, wss, close: () => server.close() });
    }),
  );
}

async function measure(ask: (m: object) => Promise<any>, run: () => Promise<number>) {
  await ask({ cmd: 'collect' });
  const started = performance.now();
  await run();
  await sleep(500);
  const result = await ask({ cmd: 'collect' });
  return { ...result, perSecond: result.received / ((performance.now() - started) / 1000) };
}

async function fanOut(app: App, url: string, users: { token: string }[]) {
  const c = clients();
  const urls = users.map((u) => `${url}/realtime?token=${u.token}`);
  await c.ask({ cmd: 'open', urls, n: SUBSCRIBERS, channel: 'db:bench_rows' });
  const ours = await measure(c.ask, () => writeStream(app, RATE, SECONDS));
  await c.ask({ cmd: 'close' });
  const bare = await bareServer();
  await c.ask({ cmd: 'open', urls: [bare.url], n: SUBSCRIBERS });
  const baseline = await measure(c.ask, async () => {
    const started = Date.now();
    for (let i = 0; i < RATE * SECONDS; i++) {
      const due = started + (i * 1000) / RATE;
      if (due > Date.now()) await sleep(due - Date.now());
      const text = JSON.stringify({ type: 'broadcast', sent_at: Date.now(), body: 'x'.repeat(64) });
      for (const ws of bare.wss.clients) ws.send(text);
    }
    return RATE * SECONDS;
  });
  await c.ask({ cmd: 'close' });
  c.child.kill();
  bare.wss.close();
  bare.close();
  return { ours, baseline };
}

function line(name: string, r: { perSecond: number; p50: number; p99: number; received: number }) {
  return `${name.padEnd(34)} ${Math.round(r.perSecond).toString().padStart(8)} deliveries/s  p50 ${r.p50} ms  p99 ${r.p99} ms  (${r.received} frames)`;
}

async function sqliteRun(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lockstep-rt-bench-'));
  const app = await createApp({
    dataDir,
    logLevel: 'silent',
    rateLimits: {
      login: { points: 1e6, duration: 60 },
      loginPerAddress: { points: 1e6, duration: 60 },
      signup: { points: 1e6, duration: 60 },
      forgotPassword: { points: 1e6, duration: 60 },
    },
  });
  const server = await listen(app, 0, '127.0.0.1', false);
  const wsUrl = server.url.replace('http', 'ws');
  const bare = await bareServer();
  console.log(
    `idle memory, ${IDLE} sockets each (server process; gc ${'gc' in globalThis ? 'on' : 'off: run with NODE_OPTIONS=--expose-gc'}):`,
  );
  const baseMem = await idleMemory(bare.url, IDLE);
  bare.wss.close();
  bare.close();
  const ourMem = await idleMemory(`${wsUrl}/realtime`, IDLE);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  console.log(`  bare ws server      rss ${kb(baseMem.rss)}/socket  heap ${kb(baseMem.heap)}/socket`);
  console.log(
    `  lockstep /realtime  rss ${kb(ourMem.rss)}/socket  heap ${kb(ourMem.heap)}/socket  (ratio rss ${(ourMem.rss / baseMem.rss).toFixed(2)}x)`,
  );
  const { admin, users } = await people(app);
  await benchTable(app, admin);
  console.log(
    `fan-out on SQLite: ${SUBSCRIBERS} subscribers (${USERS} users, RLS on), ${RATE} rows/s for ${SECONDS} s:`,
  );
  const { ours, baseline } = await fanOut(app, wsUrl, users);
  console.log(`  ${line('bare ws broadcast (no database)', baseline)}`);
  console.log(
    `  ${line('lockstep db_change with RLS', ours)}  (ratio ${(ours.perSecond / baseline.perSecond).toFixed(2)}x)`,
  );
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

async function postgresRun(): Promise<void> {
  if (!(await postgresReachable())) return console.log('PostgreSQL unreachable: cross-instance figures skipped');
  const schema = `rt_bench_${process.pid}`;
  const dirs = [mkdtempSync(join(tmpdir(), 'lockstep-rt-a-')), mkdtempSync(join(tmpdir(), 'lockstep-rt-b-'))];
  const common = {
    databaseUrl: testPostgresUrl,
    pgSchema: schema,
    logLevel: 'silent',
    jwtSecret: 'bench-secret-0123456789abcdef0123',
  };
  const a = await createApp({
    ...common,
    dataDir: dirs[0],
    rateLimits: {
      login: { points: 1e6, duration: 60 },
      loginPerAddress: { points: 1e6, duration: 60 },
      signup: { points: 1e6, duration: 60 },
      forgotPassword: { points: 1e6, duration: 60 },
    },
  });
  const b = await createApp({ ...common, dataDir: dirs[1] });
  const [sa, sb] = [await listen(a, 0, '127.0.0.1', false), await listen(b, 0, '127.0.0.1', false)];
  const { admin, users } = await people(a);
  await benchTable(a, admin);
  const n = Math.min(SUBSCRIBERS, 200);
  console.log(`PostgreSQL: ${n} subscribers, ${RATE} rows/s for ${SECONDS} s, written through instance A:`);
  for (const [name, server] of [
    ['same instance (subscribers on A)', sa],
    ['cross instance (subscribers on B)', sb],
  ] as const) {
    const c = clients();
    const urls = users.map((u) => `${server.url.replace('http', 'ws')}/realtime?token=${u.token}`);
    await c.ask({ cmd: 'open', urls, n, channel: 'db:bench_rows' });
    console.log(`  ${line(name, await measure(c.ask, () => writeStream(a, RATE, SECONDS)))}`);
    await c.ask({ cmd: 'close' });
    c.child.kill();
  }
  await sb.stop();
  await sa.stop();
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: testPostgresUrl });
  await client.connect();
  await client.query(`drop schema if exists ${schema} cascade`);
  await client.end();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}

await sqliteRun();
await postgresRun();
process.exit(0);
