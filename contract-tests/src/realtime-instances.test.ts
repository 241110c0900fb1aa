import { beforeAll, describe, expect, it } from 'vitest';
import { selectedTargets } from './harness/targets';
import { useTwoInstances } from './realtime-instances-fixture';

const run = selectedTargets().includes('postgres') ? describe : describe.skip;

run('realtime: two server instances on one PostgreSQL database behave as one', () => {
  const rt = useTwoInstances();

  beforeAll(async () => {
    const created = await rt.client.call('createTable', {
      body: {
        name: 'shared_notes',
        columns: [
          { name: 'owner_id', type: 'text' },
          { name: 'body', type: 'text' },
        ],
      },
      token: rt.admin.token,
    });
    expect(created.status).toBe(201);
    const policy = await rt.client.call('createRLSPolicy', {
      params: { path: { tableName: 'shared_notes' } },
      body: { name: 'own', operation: 'all', expression: 'owner_id = auth.uid()' },
      token: rt.admin.token,
    });
    expect(policy.status).toBe(201);
  });

  it('delivers a change written through instance A to subscribers on instance B, with RLS', async () => {
    const onB = await rt.open(1, rt.alice.token);
    const bobOnB = await rt.open(1, rt.bob.token);
    await onB.subscribe('db:shared_notes');
    await bobOnB.subscribe('db:shared_notes');
    const res = await rt.client.call('insertRow', {
      params: { path: { tableName: 'shared_notes' } },
      body: { owner_id: rt.alice.id, body: 'from A' },
      token: rt.alice.token,
    });
    expect(res.status).toBe(201);
    expect((await onB.nextOf('db_change')).payload.record).toMatchObject({ body: 'from A', owner_id: rt.alice.id });
    expect(await bobOnB.gets((f) => f.type === 'db_change')).toBe(false);
  });

  it('carries broadcasts both ways, large ones too', async () => {
    const onA = await rt.open(0, rt.alice.token);
    const onB = await rt.open(1, rt.bob.token);
    await onA.subscribe('room:x');
    await onB.subscribe('room:x');
    onB.send({ type: 'broadcast', channel: 'room:x', event: 'hi', payload: { from: 'B' } });
    expect((await onA.nextOf('broadcast', 'room:x')).payload).toEqual({ from: 'B' });
    const big = 'z'.repeat(20_000);
    const res = await rt.client.call('broadcast', {
      body: { channel: 'room:x', event: 'big', payload: big },
      token: rt.admin.token,
    });
    expect(res.status).toBe(200);
    expect((await onB.next((f) => f.type === 'broadcast' && f.event === 'big')).payload).toBe(big);
  });

  it('shares presence: join, state and leave on disconnect across instances', async () => {
    const onA = await rt.open(0, rt.alice.token);
    const onB = await rt.open(1, rt.bob.token);
    await onA.subscribe('room:p');
    await onB.subscribe('room:p');
    onA.send({ type: 'track', channel: 'room:p' });
    expect((await onB.nextOf('presence_join', 'room:p')).user.user_id).toBe(rt.alice.id);
    onB.send({ type: 'presence_state', channel: 'room:p' });
    expect((await onB.nextOf('presence_state')).users.map((u: any) => u.user_id)).toEqual([rt.alice.id]);
    onA.close();
    expect((await onB.nextOf('presence_leave', 'room:p')).user).toMatchObject({
      user_id: rt.alice.id,
      status: 'offline',
    });
  });

  it('counts every instance in the statistics', async () => {
    await rt.open(1, rt.bob.token);
    const deadline = Date.now() + 8000;
    let stats: any;
    for (;;) {
      const onA = rt.first.app!.services.realtime.connections.size;
      const onB = rt.second.services.realtime.connections.size;
      stats = (await rt.client.call('getRealtimeStats', { token: rt.admin.token })).body;
      if (stats.total_connections === onA + onB || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(stats.total_connections).toBe(
      rt.first.app!.services.realtime.connections.size + rt.second.services.realtime.connections.size,
    );
    expect(rt.second.services.realtime.connections.size).toBeGreaterThan(0);
  });
});
