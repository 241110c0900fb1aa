import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, createApp } from '@lockstep/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from './harness/api';
import { type Person, setupAdmin, signUpUser } from './harness/fixtures';
import { postgresUrl, selectedTargets, startTarget, type Target, testJwtSecret } from './harness/targets';
import { connect, listenOn, type RealtimeClient } from './realtime-support';

const run = selectedTargets().includes('postgres') ? describe : describe.skip;

run('realtime: two server instances on one PostgreSQL database behave as one', () => {
  let first: Target;
  let second: App;
  let secondDir: string;
  const stops: (() => Promise<void>)[] = [];
  let urlA: string;
  let urlB: string;
  let admin: Person;
  let alice: Person;
  let bob: Person;
  const clients: RealtimeClient[] = [];

  async function open(url: string, token: string) {
    const { client } = await connect(url, token);
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    first = await startTarget('postgres');
    secondDir = mkdtempSync(join(tmpdir(), 'lockstep-rt-b-'));
    second = await createApp({
      dataDir: secondDir,
      databaseUrl: postgresUrl,
      pgSchema: first.app!.services.config.pgSchema,
      logLevel: 'silent',
      jwtSecret: testJwtSecret,
    });
    const a = await listenOn(first.app!);
    const b = await listenOn(second);
    stops.push(a.stop, b.stop);
    urlA = a.url;
    urlB = b.url;
    const client = api(first);
    admin = await setupAdmin(client);
    alice = await signUpUser(client, 'rt-a');
    bob = await signUpUser(client, 'rt-b');
    const table = {
      name: 'shared_notes',
      columns: [
        { name: 'owner_id', type: 'text' },
        { name: 'body', type: 'text' },
      ],
    };
    expect((await client.post('/api/tables', table, { token: admin.token })).status).toBe(201);
    const policy = { name: 'own', operation: 'all', expression: 'owner_id = auth.uid()' };
    expect((await client.post('/auth/rls/shared_notes', policy, { token: admin.token })).status).toBe(201);
  });

  afterAll(async () => {
    for (const c of clients) expect(c.invalid).toEqual([]);
    for (const c of clients) c.close();
    for (const stop of stops) await stop();
    await first?.stop();
    rmSync(secondDir, { recursive: true, force: true });
  });

  it('delivers a change written through instance A to subscribers on instance B, with RLS', async () => {
    const onB = await open(urlB, alice.token);
    const bobOnB = await open(urlB, bob.token);
    await onB.subscribe('db:shared_notes');
    await bobOnB.subscribe('db:shared_notes');
    const res = await api(first).post(
      '/api/tables/shared_notes/rows',
      { owner_id: alice.id, body: 'from A' },
      { token: alice.token },
    );
    expect(res.status).toBe(201);
    expect((await onB.nextOf('db_change')).payload.record).toMatchObject({ body: 'from A', owner_id: alice.id });
    expect(await bobOnB.gets((f) => f.type === 'db_change')).toBe(false);
  });

  it('carries broadcasts both ways, large ones too', async () => {
    const onA = await open(urlA, alice.token);
    const onB = await open(urlB, bob.token);
    await onA.subscribe('room:x');
    await onB.subscribe('room:x');
    onB.send({ type: 'broadcast', channel: 'room:x', event: 'hi', payload: { from: 'B' } });
    expect((await onA.nextOf('broadcast', 'room:x')).payload).toEqual({ from: 'B' });
    const big = 'z'.repeat(20_000);
    const res = await api(first).post(
      '/realtime/broadcast',
      { channel: 'room:x', event: 'big', payload: big },
      { token: admin.token },
    );
    expect(res.status).toBe(200);
    expect((await onB.next((f) => f.type === 'broadcast' && f.event === 'big')).payload).toBe(big);
  });

  it('shares presence: join, state and leave on disconnect across instances', async () => {
    const onA = await open(urlA, alice.token);
    const onB = await open(urlB, bob.token);
    await onA.subscribe('room:p');
    await onB.subscribe('room:p');
    onA.send({ type: 'track', channel: 'room:p' });
    expect((await onB.nextOf('presence_join', 'room:p')).user.user_id).toBe(alice.id);
    onB.send({ type: 'presence_state', channel: 'room:p' });
    expect((await onB.nextOf('presence_state')).users.map((u: any) => u.user_id)).toEqual([alice.id]);
    onA.close();
    expect((await onB.nextOf('presence_leave', 'room:p')).user).toMatchObject({ user_id: alice.id, status: 'offline' });
  });

  it('counts every instance in the statistics', async () => {
    await open(urlB, bob.token);
    const deadline = Date.now() + 8000;
    let stats: any;
    for (;;) {
      const onA = first.app!.services.realtime.connections.size;
      const onB = second.services.realtime.connections.size;
      stats = (await api(first).get('/realtime/stats', { token: admin.token })).body;
      if (stats.total_connections === onA + onB || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(stats.total_connections).toBe(
      first.app!.services.realtime.connections.size + second.services.realtime.connections.size,
    );
    expect(second.services.realtime.connections.size).toBeGreaterThan(0);
  });
});
