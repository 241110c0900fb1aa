import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, createApp } from '@lockstep/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTable } from './database-fixtures';
import { api, type Caller } from './harness/api';
import { type Person, setupAdmin } from './harness/fixtures';
import { contractSuite } from './harness/suite';
import { postgresUrl, selectedTargets, startTarget, type Target, testJwtSecret } from './harness/targets';

const RECORDER = 'export default async (payload, ctx) => { console.info(ctx.trigger.type); return payload; }';
/**
 * The schedule of the cron triggers made here. The tests tick it themselves; the server's own
 * croner job for it must not come round while they run (with `* * * * *` it did at every minute
 * boundary, and a test crossing one saw an extra run).
 */
const YEARLY = '0 0 1 1 *';

interface Invocation {
  id: string;
  trigger?: string;
  payload: { type?: string; table?: string; record?: Record<string, unknown>; from?: string };
}

async function invocationsOf(c: Caller, admin: Person, functionId: string): Promise<Invocation[]> {
  const res = await c.call('getInvocations', { params: { path: { functionId } }, token: admin.token });
  return res.body.invocations;
}

async function createFunction(c: Caller, admin: Person, name: string, triggers: unknown[]) {
  const res = await c.call('createFunction', {
    body: { name, runtime: 'javascript', code: RECORDER, triggers } as never,
    token: admin.token,
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body as { id: string };
}

contractSuite(import.meta.filename, 'functions: cron and database-event triggers', (t) => {
  let admin: Person;

  beforeAll(async () => {
    admin = await setupAdmin(t);
    await createTable(t, admin, 'fn_orders', [
      { name: 'item', type: 'text' },
      { name: 'qty', type: 'integer' },
    ]);
  });

  it("accepts the dashboard's trigger shapes and refuses what cannot run", async () => {
    const ok = await t.call('createFunction', {
      body: {
        name: `shapes-${Date.now().toString(36)}`,
        runtime: 'deno',
        code: RECORDER,
        triggers: [
          { type: 'http', config: { path: '/hello', methods: ['GET', 'POST'] } },
          { type: 'cron', config: { expression: '*/5 * * * *' } },
          { type: 'event', config: { table: 'fn_orders', operations: ['insert', 'update'] } },
          { type: 'event', config: { event: 'database.fn_orders.delete' } },
        ],
      },
      token: admin.token,
    });
    expect(ok.status).toBe(201);
    expect(ok.body.triggers[0]).toEqual({ type: 'http', config: { path: '/hello', methods: ['GET', 'POST'] } });
    for (const triggers of [
      [{ type: 'cron', config: { expression: '61 * * * *' } }],
      [{ type: 'event', config: { event: 'auth.user.created' } }],
    ]) {
      const bad = await t.call('createFunction', {
        body: { name: `bad-${Date.now().toString(36)}`, runtime: 'javascript', code: RECORDER, triggers } as never,
        token: admin.token,
      });
      expect(bad.status).toBe(400);
    }
  });

  it('runs a cron schedule once per tick, with its payload', async () => {
    const fn = await createFunction(t, admin, `cron-${Date.now().toString(36)}`, [
      { type: 'cron', config: { expression: YEARLY, payload: { from: 'cron' } } },
    ]);
    const { functions } = t.target.app!.services;
    const row = await functions.find(fn.id);
    const at = Date.UTC(2030, 0, 1, 12, 0, 10);
    // Two ticks of the same minute (as two instances would fire): one run.
    await Promise.all([
      functions.triggers!.tick(row, 0, YEARLY, { from: 'cron' }, at),
      functions.triggers!.tick(row, 0, YEARLY, { from: 'cron' }, at + 20_000),
    ]);
    let runs = await invocationsOf(t, admin, fn.id);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ trigger: 'cron', payload: { from: 'cron' } });
    await functions.triggers!.tick(row, 0, YEARLY, { from: 'cron' }, at + 60_000);
    runs = await invocationsOf(t, admin, fn.id);
    expect(runs).toHaveLength(2);
  });

  it('runs on row inserts from the change feed, not on updates it does not watch', async () => {
    const fn = await createFunction(t, admin, `event-${Date.now().toString(36)}`, [
      { type: 'event', config: { table: 'fn_orders', operations: ['insert'] } },
    ]);
    await t.target.app!.services.functions.triggers!.reload();
    const first = await t.call('insertRow', {
      params: { path: { tableName: 'fn_orders' } },
      body: { item: 'tea', qty: 2 },
      token: admin.token,
    });
    expect(first.status).toBe(201);
    await t.call('updateRow', {
      params: { path: { tableName: 'fn_orders', rowId: String(first.body.id) } },
      body: { qty: 3 },
      token: admin.token,
    });
    await t.call('insertRow', {
      params: { path: { tableName: 'fn_orders' } },
      body: { item: 'cake', qty: 1 },
      token: admin.token,
    });
    await expect.poll(async () => (await invocationsOf(t, admin, fn.id)).length, { timeout: 5000 }).toBe(2);
    const runs = await invocationsOf(t, admin, fn.id);
    expect(runs.map((r) => r.payload.type)).toEqual(['INSERT', 'INSERT']);
    expect(runs.map((r) => r.payload.record?.item).sort()).toEqual(['cake', 'tea']);
    expect(runs[0]).toMatchObject({ trigger: 'event', payload: { table: 'fn_orders' } });
    const logs = await t.call('getFunctionLogs', { params: { path: { functionId: fn.id } }, token: admin.token });
    expect(logs.body.logs.map((l: { message: string }) => l.message)).toEqual(['event', 'event']);
  });
});

const onPostgres = selectedTargets().includes('postgres') ? describe : describe.skip;

onPostgres('functions: two server instances on one PostgreSQL database run each trigger once', () => {
  let first: Target;
  let second: App;
  let secondDir: string;
  let admin: Person;
  let c: Caller;

  beforeAll(async () => {
    first = await startTarget('postgres');
    secondDir = mkdtempSync(join(tmpdir(), 'lockstep-fn-b-'));
    second = await createApp({
      dataDir: secondDir,
      databaseUrl: postgresUrl,
      pgSchema: first.app!.services.config.pgSchema,
      logLevel: 'silent',
      jwtSecret: testJwtSecret,
    });
    c = api(first);
    admin = await setupAdmin(c);
    await createTable(c, admin, 'fn_shared', [{ name: 'note', type: 'text' }]);
  });

  afterAll(async () => {
    await second?.close();
    rmSync(secondDir, { recursive: true, force: true });
    await first?.stop();
  });

  it('a row change and a cron tick each run once, whichever instances see them', async () => {
    const fn = await createFunction(c, admin, 'shared-fn', [
      { type: 'event', config: { table: 'fn_shared' } },
      { type: 'cron', config: { schedule: YEARLY } },
    ]);
    await second.services.functions.triggers!.reload();
    await first.app!.services.functions.triggers!.reload();
    await c.call('insertRow', {
      params: { path: { tableName: 'fn_shared' } },
      body: { note: 'hi' },
      token: admin.token,
    });
    await expect.poll(async () => (await invocationsOf(c, admin, fn.id)).length, { timeout: 5000 }).toBe(1);
    const at = Date.UTC(2030, 0, 1, 8, 0, 0);
    const rowA = await first.app!.services.functions.find(fn.id);
    const rowB = await second.services.functions.find(fn.id);
    await Promise.all([
      first.app!.services.functions.triggers!.tick(rowA, 1, YEARLY, {}, at),
      second.services.functions.triggers!.tick(rowB, 1, YEARLY, {}, at),
    ]);
    // Give a late duplicate of the row event time to show up, if there were one.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const runs = await invocationsOf(c, admin, fn.id);
    expect(runs.map((r) => r.trigger).sort()).toEqual(['cron', 'event']);
  });
});
