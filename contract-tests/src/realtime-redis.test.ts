/**
 * With `REDIS_URL`, two instances on one PostgreSQL database exchange broadcasts and presence
 * over Redis pub/sub instead of NOTIFY (changes still come by the capture trigger's NOTIFY).
 * Redis at REDIS_TEST_URL (default redis://127.0.0.1:6379).
 */
import { createClient } from '@redis/client';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { postgresUrl, selectedTargets } from './harness/targets';
import { useTwoInstances } from './realtime-instances-fixture';

const run = selectedTargets().includes('postgres') ? describe : describe.skip;
const redisUrl = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';

run('realtime: two instances exchange messages over Redis when REDIS_URL is set', () => {
  const rt = useTwoInstances({ redisUrl }, 'rt-redis');

  beforeAll(async () => {
    const table = { name: 'redis_notes', columns: [{ name: 'body', type: 'text' as const }] };
    expect((await rt.client.call('createTable', { body: table, token: rt.admin.token })).status).toBe(201);
  });

  it('carries a broadcast and presence on Redis, not on NOTIFY', async () => {
    const seenOnRedis: string[] = [];
    const redis = createClient({ url: redisUrl });
    await redis.connect();
    const host = new URL(postgresUrl);
    await redis.subscribe(`lockstep:realtime:${host.host}${host.pathname}:${rt.schema}`, (m) => seenOnRedis.push(m));
    const listener = new pg.Client({ connectionString: postgresUrl });
    const seenOnNotify: string[] = [];
    await listener.connect();
    listener.on('notification', (n) => seenOnNotify.push(n.payload ?? ''));
    await listener.query(`LISTEN "ls_realtime_${rt.schema}"`);
    try {
      const [onA, onB] = [await rt.open(0, rt.alice.token), await rt.open(1, rt.bob.token)];
      await onA.subscribe('room:redis');
      await onB.subscribe('room:redis');
      onB.send({ type: 'broadcast', channel: 'room:redis', event: 'hi', payload: { from: 'B' } });
      expect((await onA.nextOf('broadcast', 'room:redis')).payload).toEqual({ from: 'B' });
      onA.send({ type: 'track', channel: 'room:redis' });
      expect((await onB.nextOf('presence_join', 'room:redis')).user.user_id).toBe(rt.alice.id);
      expect(seenOnRedis.some((m) => m.includes('"k":"broadcast"') && m.includes('"from":"B"'))).toBe(true);
      expect(seenOnRedis.some((m) => m.includes('"k":"presence"'))).toBe(true);
      expect(seenOnNotify.filter((m) => m.includes('"k":"broadcast"') || m.includes('"k":"presence"'))).toEqual([]);
    } finally {
      await redis.close();
      await listener.end();
    }
  });

  it('still delivers a change written through A to a subscriber on B', async () => {
    const onB = await rt.open(1, rt.alice.token);
    await onB.subscribe('db:redis_notes');
    const res = await rt.client.call('insertRow', {
      params: { path: { tableName: 'redis_notes' } },
      body: { body: 'via A' },
      token: rt.alice.token,
    });
    expect(res.status).toBe(201);
    expect((await onB.nextOf('db_change')).payload.record).toMatchObject({ body: 'via A' });
  });
});
