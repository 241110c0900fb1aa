import { createClient } from '@lockstep/sdk';
import { beforeAll, expect, it } from 'vitest';
import { type Person, setupAdmin, signUpUser } from './harness/fixtures';
import { contractSuite } from './harness/suite';

const HELLO = 'export default async function handler(req) { return { message: "Hello World" } }';

contractSuite(import.meta.filename, 'functions: lifecycle, invocation, logs and access', (t) => {
  let admin: Person;
  let alice: Person;
  let n = 0;
  const uniqueName = (label: string) => `${label}-${Date.now().toString(36)}-${++n}`;

  async function create(body: Record<string, unknown>) {
    const res = await t.call('createFunction', {
      body: { name: uniqueName('fn'), runtime: 'javascript', code: HELLO, ...body } as never,
      token: admin.token,
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; name: string };
  }

  beforeAll(async () => {
    admin = await setupAdmin(t);
    alice = await signUpUser(t, 'fn-alice');
  });

  it("creates the dashboard's template as deno and invokes it with duration_ms", async () => {
    const created = await t.call('createFunction', {
      body: { name: uniqueName('hello'), runtime: 'deno', code: HELLO },
      token: admin.token,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      runtime: 'deno',
      version: 1,
      enabled: true,
      timeout_ms: 5000,
      memory_mb: 128,
    });
    expect(created.body.triggers).toEqual([{ type: 'http', config: {} }]);
    const run = await t.call('invokeFunction', {
      params: { path: { functionId: created.body.id } },
      body: { name: 'Ada' },
      token: alice.token,
    });
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ status: 'success', result: { message: 'Hello World' }, trigger: 'http' });
    expect(run.body.duration_ms).toBeGreaterThan(0);
    const got = await t.call('getFunction', { params: { path: { functionId: created.body.id } }, token: admin.token });
    expect(got.body.last_invoked_at).toBe(run.body.invoked_at);
  });

  it('transpiles TypeScript at deploy time and refuses code that does not compile', async () => {
    const ts = await create({
      code: 'type P = { n: number };\nexport default async function handler(p: P): Promise<number> { return p.n * 2; }',
    });
    const run = await t.call('invokeFunction', {
      params: { path: { functionId: ts.id } },
      body: { n: 21 },
      token: admin.token,
    });
    expect(run.body).toMatchObject({ status: 'success', result: 42 });
    const bad = await t.call('createFunction', {
      body: { name: uniqueName('bad'), runtime: 'javascript', code: 'export default function (' },
      token: admin.token,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/does not compile/);
  });

  it('keeps env_vars secret: masked in answers, given to the function, kept when the mask comes back', async () => {
    const fn = await create({
      code: 'export default async (p, ctx) => ({ token: ctx.env.API_TOKEN, other: ctx.env.OTHER ?? null })',
      env_vars: { API_TOKEN: 's3cr3t-value' },
    });
    const got = await t.call('getFunction', { params: { path: { functionId: fn.id } }, token: admin.token });
    expect(got.body.env_vars).toEqual({ API_TOKEN: '********' });
    expect(JSON.stringify(got.body)).not.toContain('s3cr3t-value');
    const updated = await t.call('updateFunction', {
      params: { path: { functionId: fn.id } },
      body: { env_vars: { API_TOKEN: '********', OTHER: 'two' }, enabled: true },
      token: admin.token,
    });
    expect(updated.body.env_vars).toEqual({ API_TOKEN: '********', OTHER: '********' });
    expect(updated.body.version).toBe(1);
    const run = await t.call('invokeFunction', { params: { path: { functionId: fn.id } }, token: admin.token });
    expect(run.body.result).toEqual({ token: 's3cr3t-value', other: 'two' });
  });

  it('versions: update and deploy add immutable versions with their hash, rollback activates an old one', async () => {
    const fn = await create({ code: 'export default () => 1' });
    const path = { functionId: fn.id };
    const v2 = await t.call('updateFunction', {
      params: { path },
      body: { code: 'export default () => 2' },
      token: admin.token,
    });
    expect(v2.body.version).toBe(2);
    const deployed = await t.call('deployFunction', { params: { path }, token: admin.token });
    expect(deployed.status).toBe(201);
    expect(deployed.body.version).toBe(3);
    const versions = await t.call('getFunctionVersions', { params: { path }, token: admin.token });
    expect(versions.body.map((v: { version: number; is_active: boolean }) => [v.version, v.is_active])).toEqual([
      [3, true],
      [2, false],
      [1, false],
    ]);
    expect(versions.body[0].code_hash).toBe(versions.body[1].code_hash);
    expect(versions.body[2].code_hash).not.toBe(versions.body[1].code_hash);
    expect(versions.body[0].deployed_by).toBe(admin.id);
    expect(versions.headers.get('x-total-count')).toBe('3');
    const back = await t.call('rollbackFunction', { params: { path }, body: { version: 1 }, token: admin.token });
    expect(back.body).toMatchObject({ version: 1, code: 'export default () => 1' });
    const run = await t.call('invokeFunction', { params: { path }, token: admin.token });
    expect(run.body.result).toBe(1);
    const missing = await t.call('rollbackFunction', { params: { path }, body: { version: 9 }, token: admin.token });
    expect(missing.status).toBe(404);
    const v4 = await t.call('updateFunction', {
      params: { path },
      body: { code: 'export default () => 4' },
      token: admin.token,
    });
    expect(v4.body.version).toBe(4);
  });

  it('lists templates and creates a function from one; unknown template is 404, a taken name 409', async () => {
    const list = await t.call('getTemplates', { token: admin.token });
    expect(list.body.map((x: { id: string }) => x.id)).toEqual([
      'hello-world',
      'http-handler',
      'database-trigger',
      'scheduled-job',
    ]);
    const name = uniqueName('tpl');
    const made = await t.call('createFromTemplate', {
      body: { template_id: 'http-handler', name },
      token: admin.token,
    });
    expect(made.status).toBe(201);
    const run = await t.call('invokeFunction', {
      params: { path: { functionId: made.body.id } },
      body: { name: 'Ada' },
      token: admin.token,
    });
    expect(run.body.result).toEqual({ greeting: 'Hello, Ada' });
    for (const id of ['scheduled-job', 'database-trigger', 'hello-world']) {
      const other = await t.call('createFromTemplate', {
        body: { template_id: id, name: uniqueName(id) },
        token: admin.token,
      });
      const ran = await t.call('invokeFunction', {
        params: { path: { functionId: other.body.id } },
        token: admin.token,
      });
      expect(ran.body.status).toBe('success');
    }
    const unknown = await t.call('createFromTemplate', {
      body: { template_id: 'nope', name: uniqueName('x') },
      token: admin.token,
    });
    expect(unknown.status).toBe(404);
    const taken = await t.call('createFromTemplate', {
      body: { template_id: 'http-handler', name },
      token: admin.token,
    });
    expect(taken.status).toBe(409);
  });

  it('records invocations and logs with levels, searchable by level and time; stats and resources add up', async () => {
    const fn = await create({
      code: `export default async (p) => {
        console.debug('d', p.i); console.log('i', p.i); console.warn('w', p.i);
        if (p.fail) throw new Error('asked to fail');
        return p.i;
      }`,
    });
    const path = { functionId: fn.id };
    const before = new Date().toISOString();
    for (const body of [{ i: 1 }, { i: 2 }, { i: 3, fail: true }])
      await t.call('invokeFunction', { params: { path }, body, token: admin.token });
    const logs = await t.call('getFunctionLogs', { params: { path, query: { limit: 500 } }, token: admin.token });
    expect(logs.body.total).toBe(9);
    expect(logs.body.logs[0]).toMatchObject({ level: 'warn', message: 'w 3' });
    const warns = await t.call('getFunctionLogs', { params: { path, query: { level: 'warn' } }, token: admin.token });
    expect(warns.body.logs.map((l: { message: string }) => l.message)).toEqual(['w 3', 'w 2', 'w 1']);
    const since = await t.call('getFunctionLogs', {
      params: { path, query: { since: new Date(Date.now() + 60_000).toISOString() } },
      token: admin.token,
    });
    expect(since.body.total).toBe(0);
    const fromBefore = await t.call('getFunctionLogs', {
      params: { path, query: { since: before, level: 'debug' } },
      token: admin.token,
    });
    expect(fromBefore.body.total).toBe(3);
    const invocations = await t.call('getInvocations', { params: { path }, token: admin.token });
    expect(invocations.body.total).toBe(3);
    expect(invocations.body.invocations[0]).toMatchObject({
      status: 'error',
      error: 'Error: asked to fail',
      error_code: 'FUNCTION_ERROR',
    });
    const failed = await t.call('getInvocations', { params: { path, query: { status: 'error' } }, token: admin.token });
    expect(failed.body.total).toBe(1);
    const stats = await t.call('getFunctionStats', { params: { path }, token: admin.token });
    expect(stats.body).toMatchObject({ total_invocations: 3, invocation_count: 3, success_count: 2, error_count: 1 });
    const usage = await t.call('getResourceUsage', { params: { path }, token: admin.token });
    expect(usage.body).toMatchObject({ invocations_today: 3, memory_limit_mb: 128, timeout_ms: 5000 });
    expect(usage.body.memory_mb).toBeGreaterThan(0);
    expect(usage.body.bandwidth_bytes).toBeGreaterThan(0);
  });

  it('ends hostile invocations with their error code and keeps serving', async () => {
    const loop = await create({ code: 'export default () => { for (;;) {} }', timeout_ms: 300 });
    const bomb = await create({
      code: "export default () => { const a = []; for (;;) a.push('x'.repeat(4096) + a.length); }",
      memory_mb: 16,
    });
    const probe = await create({
      code: "export default () => [typeof process, typeof require, typeof Deno].join(',')",
    });
    const net = await create({
      code: "export default async () => { try { await fetch('http://169.254.169.254/'); return 'reached'; } catch (e) { return e.message; } }",
    });
    const run = (id: string) => t.call('invokeFunction', { params: { path: { functionId: id } }, token: admin.token });
    const looped = (await run(loop.id)).body;
    expect(looped.status).toBe('timeout');
    expect(['TIMEOUT', 'CPU_LIMIT']).toContain(looped.error_code);
    expect((await run(bomb.id)).body).toMatchObject({ status: 'error', error_code: 'MEMORY_LIMIT' });
    expect((await run(probe.id)).body.result).toBe('undefined,undefined,undefined');
    expect((await run(net.id)).body.result).toMatch(/not in this function's allowed_hosts/);
    const health = await t.call('getFunctions', { token: admin.token });
    expect(health.status).toBe(200);
  });

  it('lists, renames with conflicts, disables, deletes', async () => {
    const a = await create({});
    const b = await create({});
    const list = await t.call('getFunctions', { params: { query: { limit: 1000 } }, token: admin.token });
    expect(list.body.map((f: { id: string }) => f.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(Number(list.headers.get('x-total-count'))).toBeGreaterThanOrEqual(2);
    const clash = await t.call('updateFunction', {
      params: { path: { functionId: b.id } },
      body: { name: a.name },
      token: admin.token,
    });
    expect(clash.status).toBe(409);
    const dup = await t.call('createFunction', {
      body: { name: a.name, runtime: 'javascript', code: HELLO },
      token: admin.token,
    });
    expect(dup.status).toBe(409);
    await t.call('updateFunction', {
      params: { path: { functionId: a.id } },
      body: { enabled: false },
      token: admin.token,
    });
    const off = await t.call('invokeFunction', { params: { path: { functionId: a.id } }, token: admin.token });
    expect(off.status).toBe(409);
    expect(
      (await t.call('deleteFunction', { params: { path: { functionId: a.id } }, token: admin.token })).status,
    ).toBe(204);
    expect((await t.call('getFunction', { params: { path: { functionId: a.id } }, token: admin.token })).status).toBe(
      404,
    );
    expect(
      (await t.call('getInvocations', { params: { path: { functionId: a.id } }, token: admin.token })).status,
    ).toBe(404);
    expect(
      (await t.call('deleteFunction', { params: { path: { functionId: a.id } }, token: admin.token })).status,
    ).toBe(404);
  });

  it('answers 501 for wasm, never a fake success', async () => {
    const res = await t.call('createFunction', {
      body: { name: uniqueName('wasm'), runtime: 'wasm', code: 'AGFzbQEAAAA=' },
      token: admin.token,
    });
    expect(res.status).toBe(501);
    expect(res.body.message).toMatch(/wasm/);
  });

  it('lets any signed-in user invoke, only admins manage, nobody anonymous', async () => {
    const fn = await create({});
    const path = { functionId: fn.id };
    expect((await t.call('getFunctions', { token: alice.token })).status).toBe(403);
    expect((await t.call('getFunction', { params: { path }, token: alice.token })).status).toBe(403);
    expect((await t.call('deployFunction', { params: { path }, token: alice.token })).status).toBe(403);
    expect((await t.call('getFunctionLogs', { params: { path }, token: alice.token })).status).toBe(403);
    expect((await t.call('invokeFunction', { params: { path } })).status).toBe(401);
    const run = await t.call('invokeFunction', { params: { path }, token: alice.token });
    expect(run.status).toBe(200);
    expect((await t.raw.get('/functions?limit=0', { token: admin.token })).status).toBe(400);
    expect((await t.raw.get('/functions/templates?limit=0', { token: admin.token })).status).toBe(400);
    expect((await t.raw.post(`/functions/${fn.id}/invoke`, {}, { token: alice.token, raw: '{bad' })).status).toBe(400);
    const big = { blob: 'x'.repeat(1024 * 1024 + 10) };
    expect((await t.raw.post(`/functions/${fn.id}/invoke`, big, { token: alice.token })).status).toBe(413);
    const unknown = { functionId: '00000000-0000-4000-8000-000000000000' };
    expect((await t.call('invokeFunction', { params: { path: unknown }, token: alice.token })).status).toBe(404);
    expect((await t.call('getFunctionStats', { params: { path: unknown }, token: admin.token })).status).toBe(404);
    expect((await t.call('getResourceUsage', { params: { path: unknown }, token: admin.token })).status).toBe(404);
    expect((await t.call('getFunctionVersions', { params: { path: unknown }, token: admin.token })).status).toBe(404);
    expect((await t.call('deployFunction', { params: { path: unknown }, token: admin.token })).status).toBe(404);
    expect((await t.call('getFunctionLogs', { params: { path: unknown }, token: admin.token })).status).toBe(404);
    expect(
      (await t.call('updateFunction', { params: { path: unknown }, body: { enabled: true }, token: admin.token }))
        .status,
    ).toBe(404);
  });

  it('runs the unified operation invoke by name, waiting or queued', async () => {
    const fn = await create({ code: 'export default async (p, ctx) => ({ twice: p.n * 2, user: ctx.user.id })' });
    const sync = await t.call('executeOperation', {
      body: { op: 'invoke', function_name: fn.name, payload: { n: 4 } },
      token: alice.token,
    });
    expect(sync.status).toBe(200);
    expect(sync.body.data).toMatchObject({
      type: 'invoke',
      status: 'completed',
      async: false,
      result: { twice: 8, user: alice.id },
    });
    const queued = await t.call('executeOperation', {
      body: { op: 'invoke', function_name: fn.name, payload: { n: 1 }, async_mode: true },
      token: alice.token,
    });
    expect(queued.body.data).toMatchObject({ status: 'queued', async: true });
    const id = (queued.body.data as { invocation_id: string }).invocation_id;
    await expect
      .poll(async () => {
        const list = await t.call('getInvocations', { params: { path: { functionId: fn.id } }, token: admin.token });
        return list.body.invocations.map((i: { id: string }) => i.id);
      })
      .toContain(id);
    const unknown = await t.call('executeOperation', {
      body: { op: 'invoke', function_name: 'no-such-function' },
      token: alice.token,
    });
    expect(unknown.status).toBe(404);
  });

  it('invokes through the SDK by name or id: client.functions.invoke', async () => {
    const fn = await create({ code: 'export default async (p) => ({ hi: p.name })' });
    const client = createClient({ url: t.target.baseUrl, fetch: t.target.fetch, retry: false });
    expect(
      (await client.auth.signIn({ body: { email: alice.email, password: alice.password } })).error,
    ).toBeUndefined();
    const byName = await client.functions.invoke(fn.name, { name: 'Ada' });
    expect(byName.data).toMatchObject({ status: 'success', result: { hi: 'Ada' } });
    const byId = await client.functions.invoke(fn.id, { name: 'Bo' });
    expect(byId.data).toMatchObject({ status: 'success', result: { hi: 'Bo' } });
    const missing = await client.functions.invoke('no-such-function');
    expect(missing.error?.status).toBe(404);
  });
});
