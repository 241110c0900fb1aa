/**
 * With `REDIS_URL`, two instances on one PostgreSQL database exchange broadcasts and presence
 * over Redis pub/sub instead of NOTIFY (changes still come by the capture trigger's NOTIFY).
 * Redis at REDIS_TEST_URL (default redis://127.0.0.1:6379).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, createApp } from '@lockstep/server';
import { createClient } from '@redis/client';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from './harness/api';
import { type Person, setupAdmin, signUpUser } from './harness/fixtures';
import { postgresUrl, selectedTargets, startTarget, type Target, testJwtSecret } from './harness/targets';
import { connect, listenOn, type RealtimeClient } from './realtime-support';

const run = selectedTargets().includes('postgres') ? describe : describe.skip;
const redisUrl = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';

run('realtime: two instances exchange messages over Redis when REDIS_URL is set', () => {
  let first: Target;
  let second: App;
  let dir: string;
  let urls: [string, string];
  let alice: Person;
  let bob: Person;
  let schema: string;
  const stops: (() => Promise<void>)[] = [];
  const clients: RealtimeClient[] = [];

  async function open(url: string, token: string) {
    const { client } = await connect(url, token);
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    first = await startTarget('postgres', { redisUrl });
    schema = first.app!.services.config.pgSchema!;
    dir = mkdtempSync(join(tmpdir(), 'lockstep-rt-redis-'));
    const common = { databaseUrl: postgresUrl, pgSchema: schema, logLevel: 'silent', jwtSecret: testJwtSecret };
    second = await createApp({ ...common, dataDir: dir, redisUrl });
    const [a, b] = [await listenOn(first.app!), await listenOn(second)];
    stops.push(a.stop, b.stop);
    urls = [a.url, b.url];
    const client = api(first);
    const admin = await setupAdmin(client);
    alice = await signUpUser(client, 'rt-redis-a');
    bob = await signUpUser(client, 'rt-redis-b');
    const table = { name: 'redis_notes', columns: [{ name: 'body', type: 'text' }] };
    expect((await client.post('/api/tables', table, { token: admin.token })).status).toBe(201);
  });

  afterAll(async () => {
    for (const c of clients) expect(c.invalid).toEqual([]);
    for (const c of clients) c.close();
    for (const stop of stops) await stop();
    await first?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('carries a broadcast and presence on Redis, not on NOTIFY', async () => {
    const seenOnRedis: string[] = [];
    const redis = createClient({ url: redisUrl });
    await redis.connect();
    const host = new URL(postgresUrl);
    await redis.subscribe(`lockstep:realtime:${host.host}${host.pathname}:${schema}`, (m) => seenOnRedis.push(m));
    const listener = new pg.Client({ connectionString: postgresUrl });
    const seenOnNotify: string[] = [];
    await listener.connect();
    listener.on('notification', (n) => seenOnNotify.push(n.payload ?? ''));
    await listener.query(`LISTEN "ls_realtime_${schema}"`);
    try {
      const [onA, onB] = [await open(urls[0], alice.token), await open(urls[1], bob.token)];
      await onA.subscribe('room:redis');
      await onB.subscribe('room:redis');
      onB.send({ type: 'broadcast', channel: 'room:redis', event: 'hi', payload: { from: 'B' } });
      expect((await onA.nextOf('broadcast', 'room:redis')).payload).toEqual({ from: 'B' });
      onA.send({ type: 'track', channel: 'room:redis' });
      expect((await onB.nextOf('presence_join', 'room:redis')).user.user_id).toBe(alice.id);
      expect(seenOnRedis.some((m) => m.includes('"k":"broadcast"') && m.includes('"from":"B"'))).toBe(true);
      expect(seenOnRedis.some((m) => m.includes('"k":"presence"'))).toBe(true);
      expect(seenOnNotify.filter((m) => m.includes('"k":"broadcast"') || m.includes('"k":"presence"'))).toEqual([]);
    } finally {
      await redis.close();
      await listener.end();
    }
  });

  it('still delivers a change written through A to a subscriber on B', async () => {
    const onB = await open(urls[1], alice.token);
    await onB.subscribe('db:redis_notes');
    const res = await api(first).post('/api/tables/redis_notes/rows', { body: 'via A' }, { token: alice.token });
    expect(res.status).toBe(201);
    expect((await onB.nextOf('db_change')).payload.record).toMatchObject({ body: 'via A' });
  });
});
