import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { type Person, setupAdmin, signIn, signUpUser } from './harness/fixtures';
import type { Target } from './harness/targets';
import { fastSuite, SseReader } from './observability-fixtures';

fastSuite(import.meta.filename, 'observability: kept logs, export and the live stream', (t, _targetName) => {
  let target: Target;
  let admin: Person;
  let alice: Person;

  beforeAll(async () => {
    target = t.target;
    admin = await setupAdmin(t);
    alice = await signUpUser(t, 'obs-alice');
  });

  async function marker(): Promise<string> {
    const tag = `obs-marker-${randomUUID()}`;
    expect((await t.raw.get(`/${tag}`)).status).toBe(404);
    return tag;
  }

  it('keeps a request line, found by text, module and level, with the total and the module list', async () => {
    const tag = await marker();
    const found = await t.call('getLogs', { params: { query: { search: tag.toUpperCase() } }, token: admin.token });
    expect(found.status).toBe(200);
    expect(found.body.total).toBe(1);
    expect(found.headers.get('x-total-count')).toBe('1');
    expect(found.body.logs[0]).toMatchObject({ level: 'info', module: 'http' });
    expect(found.body.logs[0].message).toContain(`GET /${tag} 404`);
    expect(found.body.modules).toContain('http');
    const byModule = await t.call('getLogs', {
      params: { query: { module: 'http', limit: 1, since: new Date(Date.now() - 60_000).toISOString() } },
      token: admin.token,
    });
    expect(byModule.body.logs).toHaveLength(1);
    expect(byModule.body.total).toBeGreaterThan(1);
    const errorsOnly = await t.call('getLogs', {
      params: { query: { level: 'error', search: tag } },
      token: admin.token,
    });
    expect(errorsOnly.body.total).toBe(0);
    const future = await t.call('getLogs', {
      params: { query: { search: tag, until: new Date(Date.now() - 3_600_000).toISOString() } },
      token: admin.token,
    });
    expect(future.body.total).toBe(0);
    const modules = await t.call('getLogModules', { token: admin.token });
    expect(modules.body).toContain('http');
  });

  it('a percent sign in the search is a literal', async () => {
    const res = await t.call('getLogs', { params: { query: { search: '%_%' } }, token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(0);
  });

  it('exports the window as JSON and as CSV', async () => {
    const tag = await marker();
    const json = await t.call('exportLogs', { params: { query: { format: 'json' } }, token: admin.token });
    expect(json.status).toBe(200);
    expect(json.headers.get('content-disposition')).toMatch(/^attachment; filename="logs-.+\.json"$/);
    const entries = json.body as { message: string }[];
    expect(entries.some((e) => e.message.includes(tag))).toBe(true);
    const csv = await t.call('exportLogs', { params: { query: { format: 'csv', level: 'info' } }, token: admin.token });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = String(csv.body);
    expect(text.split('\n')[0]).toBe('timestamp,level,module,message,request_id');
    expect(text).toContain(tag);
  });

  it('refuses callers who are not admins', async () => {
    expect((await t.call('getLogs', {})).status).toBe(401);
    expect((await t.call('getLogs', { token: alice.token })).status).toBe(403);
    expect((await t.call('exportLogs', { token: alice.token })).status).toBe(403);
  });

  it('streams new lines to ?token= (no header), filtered, with keep-alives, until the session is revoked', async () => {
    const session = await signIn(t, admin.email, admin.password);
    const url = `${target.baseUrl}/observability/logs/stream?module=http&token=${encodeURIComponent(session.token)}`;
    const res = await t.send(new Request(url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const stream = new SseReader(res.body!);
    await stream.waitFor(': keep-alive');
    const tag = await marker();
    await stream.waitFor(tag);
    expect(stream.text).toMatch(new RegExp(`event: log\\nid: \\d+\\ndata: \\{[^\\n]*${tag}`));
    expect(stream.text).not.toContain('"module":"realtime"');
    expect((await t.call('signOut', { token: session.token })).status).toBeLessThan(300);
    await stream.waitForEnd();
    expect(stream.ended).toBe(true);
  });

  it('refuses the stream to a bad ?token= and to a non-admin', async () => {
    const bad = await t.send(new Request(`${target.baseUrl}/observability/logs/stream?token=nope`));
    expect(bad.status).toBe(401);
    const user = await t.send(new Request(`${target.baseUrl}/observability/logs/stream?token=${alice.token}`));
    expect(user.status).toBe(403);
  });
});
