import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Person, setupAdmin, signUpUser } from './harness/fixtures';
import { contractSuite } from './harness/suite';
import { connect, connectRefused, listenOn, type RealtimeClient, sleep } from './realtime-support';

contractSuite(import.meta.filename, 'realtime: the WebSocket over a real socket', (t) => {
  let admin: Person;
  let alice: Person;
  let bob: Person;
  let url: string;
  let stopListening: () => Promise<void>;
  const clients: RealtimeClient[] = [];

  async function open(token?: string) {
    const c = await connect(url, token);
    clients.push(c.client);
    return c;
  }

  beforeAll(async () => {
    admin = await setupAdmin(t);
    alice = await signUpUser(t, 'rt-alice');
    bob = await signUpUser(t, 'rt-bob');
    ({ url, stop: stopListening } = await listenOn(t.target.app!));
    const table = {
      name: 'rt_notes',
      columns: [
        { name: 'owner_id', type: 'text' },
        { name: 'body', type: 'text' },
        { name: 'done', type: 'boolean' },
      ],
    } as const;
    expect((await t.call('createTable', { body: table, token: admin.token })).status).toBe(201);
    const policy = { name: 'own rows', operation: 'all' as const, expression: 'owner_id = auth.uid()' };
    const params = { path: { tableName: 'rt_notes' } };
    expect((await t.call('createRLSPolicy', { params, body: policy, token: admin.token })).status).toBe(201);
  });

  afterAll(async () => {
    for (const c of clients) expect(c.invalid).toEqual([]);
    for (const c of clients) c.close();
    await stopListening?.();
  });

  it('greets with connected, answers ping with pong, and a plain GET says where to connect', async () => {
    const { client, id } = await open(alice.token);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    client.send({ type: 'ping' });
    await client.nextOf('pong');
    const plain = await t.call('connectRealtime');
    expect(plain.status).toBe(200);
    expect(plain.body.websocket_url).toMatch(/^ws:\/\/.+\/realtime$/);
    // An empty token is what the spec refuses (minLength), so it goes untyped.
    expect((await t.raw.get('/realtime?token=')).status).toBe(400);
  });

  it('answers frames it cannot act on with error frames and stays open', async () => {
    const { client } = await open();
    const cases: [unknown, string][] = [
      ['not json', 'INVALID_JSON'],
      [{ type: 'hello' }, 'VALIDATION_FAILED'],
      [{ type: 'subscribe' }, 'VALIDATION_FAILED'],
      [{ type: 'subscribe', channel: 'bad channel!' }, 'VALIDATION_FAILED'],
      [{ type: 'broadcast', channel: 'room:a', payload: 1 }, 'VALIDATION_FAILED'],
      [{ type: 'subscribe', channel: 'db:no_such_table' }, 'NOT_FOUND'],
      [{ type: 'subscribe', channel: 'db:rt_notes', filter: { ghost: 1 } }, 'VALIDATION_FAILED'],
      [{ type: 'subscribe', channel: 'db:rt_notes', filter: { body: { near: 1 } } }, 'VALIDATION_FAILED'],
      [{ type: 'track', channel: 'room:a' }, 'FORBIDDEN'],
      [{ type: 'broadcast', channel: 'db:rt_notes', event: 'x', payload: 1 }, 'FORBIDDEN'],
    ];
    for (const [frame, code] of cases) {
      client.send(frame);
      const error = await client.nextOf('error');
      expect(error.payload.code, JSON.stringify(frame)).toBe(code);
      expect(error.error).toBe(error.payload.message);
    }
    client.send({ type: 'ping' });
    await client.nextOf('pong');
  });

  it('refuses a bad token with an error frame and close 4001', async () => {
    const refused = await connectRefused(url, 'not-a-token');
    expect(refused.frame.payload.code).toBe('UNAUTHENTICATED');
    expect(refused.close.code).toBe(4001);
  });

  it('delivers changes from every write path, each subscriber only its own rows (RLS)', async () => {
    const a = (await open(alice.token)).client;
    const b = (await open(bob.token)).client;
    const root = (await open(admin.token)).client;
    await a.subscribe('db:rt_notes');
    await b.subscribe('db:rt_notes');
    await root.subscribe('db:rt_notes');

    const inserted = await t.call('insertRow', {
      params: { path: { tableName: 'rt_notes' } },
      body: { owner_id: alice.id, body: 'one' },
      token: alice.token,
    });
    expect(inserted.status).toBe(201);
    const event = await a.nextOf('db_change');
    expect(event).toMatchObject({
      channel: 'db:rt_notes',
      event: 'INSERT',
      payload: { table: 'rt_notes', record: { owner_id: alice.id, body: 'one' } },
    });
    await root.nextOf('db_change');
    expect(await b.gets((f) => f.type === 'db_change')).toBe(false);

    const id = inserted.body.id;
    const rest = await t.call('updateRestRows', {
      params: { path: { tableName: 'rt_notes' } },
      rawQuery: `filter[0][field]=id&filter[0][op]=eq&filter[0][value]=${id}`,
      body: { done: true },
      token: alice.token,
    });
    expect(rest.status, JSON.stringify(rest.body)).toBeLessThan(300);
    const update = await a.nextOf('db_change');
    expect(update).toMatchObject({ event: 'UPDATE', payload: { record: { done: true }, old_record: { body: 'one' } } });

    const op = await t.call('executeOperation', {
      body: {
        op: 'write',
        collection: 'rt_notes',
        document: { owner_id: bob.id, body: 'bob' },
        schema_id: 'default',
        schema_version: '1.0',
      },
      token: bob.token,
    });
    expect(op.status).toBe(200);
    expect((await b.nextOf('db_change')).payload.record.body).toBe('bob');
    expect(await a.gets((f) => f.type === 'db_change')).toBe(false);

    const raw = await t.call('executeQuery', {
      body: { query: `delete from rt_notes where id = ${Number(id)}` },
      token: admin.token,
    });
    expect(raw.status).toBe(200);
    const deleted = await a.nextOf('db_change');
    expect(deleted).toMatchObject({ event: 'DELETE', payload: { record: { id, owner_id: alice.id } } });
    for (const c of [a, b, root]) c.close();
  });

  it('applies filters on the server and keeps commit order per table', async () => {
    const notes = { path: { tableName: 'rt_notes' } };
    const a = (await open(admin.token)).client;
    await a.subscribe('db:rt_notes', { filter: 'body=in.(keep,also)' });
    const gt = (await open(admin.token)).client;
    await gt.subscribe('db:rt_notes', { filter: { id: { gt: 0 }, done: true } });
    for (const body of ['keep', 'drop', 'also', 'keep'])
      await t.call('insertRow', { params: notes, body: { owner_id: admin.id, body }, token: admin.token });
    const bodies = [];
    for (let i = 0; i < 3; i++) bodies.push((await a.nextOf('db_change')).payload);
    expect(bodies.map((p) => p.record.body)).toEqual(['keep', 'also', 'keep']);
    expect(bodies.map((p) => p.change_id)).toEqual([...bodies.map((p) => p.change_id)].sort((x, y) => x - y));
    expect(await a.gets((f) => f.type === 'db_change')).toBe(false);
    expect(await gt.gets((f) => f.type === 'db_change')).toBe(false);
    await t.call('insertRow', {
      params: notes,
      body: { owner_id: admin.id, body: 'x', done: true },
      token: admin.token,
    });
    expect((await gt.nextOf('db_change')).payload.record.done).toBe(true);
  });

  it('broadcasts between clients, with the self option, and from HTTP', async () => {
    const a = (await open(alice.token)).client;
    const b = (await open(bob.token)).client;
    await a.subscribe('room:lobby', { self: false });
    await b.subscribe('room:lobby');
    a.send({ type: 'broadcast', channel: 'room:lobby', event: 'hello', payload: { text: 'hi' } });
    expect(await b.nextOf('broadcast', 'room:lobby')).toMatchObject({ event: 'hello', payload: { text: 'hi' } });
    expect(await a.gets((f) => f.type === 'broadcast')).toBe(false);
    b.send({ type: 'broadcast', channel: 'room:lobby', event: 'back', payload: 2 });
    await a.nextOf('broadcast');
    await b.nextOf('broadcast');
    const http = await t.call('broadcast', {
      body: { channel: 'room:lobby', event: 'notice', payload: null },
      token: admin.token,
    });
    expect(http.body).toEqual({ recipients: 2, subscribers_notified: 2 });
    await a.nextOf('broadcast');
    expect((await b.nextOf('broadcast')).event).toBe('notice');
  });

  it('tracks presence: join, state, leave on unsubscribe and on disconnect', async () => {
    const a = (await open(alice.token)).client;
    const b = (await open(bob.token)).client;
    await a.subscribe('room:presence');
    await b.subscribe('room:presence');
    a.send({ type: 'track', channel: 'room:presence', status: 'away', typing: false });
    const join = await b.nextOf('presence_join');
    expect(join.user).toMatchObject({
      user_id: alice.id,
      email: alice.email,
      status: 'away',
      metadata: { typing: false },
    });
    b.send({ type: 'track', channel: 'room:presence' });
    await a.nextOf('presence_join');
    b.send({ type: 'presence_state', channel: 'room:presence' });
    const state = await b.nextOf('presence_state');
    expect(state.users.map((u: any) => u.user_id).sort()).toEqual([alice.id, bob.id].sort());
    const anon = (await open()).client;
    await anon.subscribe('room:presence');
    anon.send({ type: 'presence_state', channel: 'room:presence' });
    const seenByAnon = await anon.nextOf('presence_state');
    expect(seenByAnon.users).toHaveLength(2);
    for (const u of seenByAnon.users) expect(u).not.toHaveProperty('email');
    a.send({ type: 'unsubscribe', channel: 'room:presence' });
    await a.nextOf('unsubscribed');
    expect((await b.nextOf('presence_leave')).user).toMatchObject({ user_id: alice.id, status: 'offline' });
    expect((await anon.nextOf('presence_leave')).user).not.toHaveProperty('email');
    await a.subscribe('room:presence');
    b.close();
    expect((await a.nextOf('presence_leave')).user.user_id).toBe(bob.id);
  });

  it('closes a connection whose session is revoked, with UNAUTHENTICATED and 4001', async () => {
    const other = await signUpUser(t, 'rt-revoked');
    const { client } = await open(other.token);
    expect((await t.call('signOut', { token: other.token })).status).toBe(204);
    const error = await client.nextOf('error', undefined, 6000);
    expect(error.payload.code).toBe('UNAUTHENTICATED');
    expect((await client.closed).code).toBe(4001);
  });

  it('refuses more frames per second than allowed and oversize frames, and stays open', async () => {
    const { client } = await open(alice.token);
    client.send('x'.repeat(70 * 1024));
    expect((await client.nextOf('error')).payload.code).toBe('VALIDATION_FAILED');
    for (let i = 0; i < 150; i++) client.send({ type: 'ping' });
    expect((await client.nextOf('error')).payload.code).toBe('RATE_LIMITED');
    await sleep(1100);
    client.send({ type: 'ping' });
    await client.nextOf('pong', undefined, 3000);
  });

  it('lists subscriptions with filters, ends one (unsubscribed), and counts in stats', async () => {
    const { client, id } = await open(alice.token);
    const subId = await client.subscribe('room:listed', { filter: { a: 1 } });
    const list = await t.call('getSubscriptions', {
      params: { query: { user_id: alice.id, channel: 'room:listed' } },
      token: admin.token,
    });
    expect(list.status).toBe(200);
    expect(list.body).toEqual([
      expect.objectContaining({
        id: subId,
        connection_id: id,
        user_id: alice.id,
        channel: 'room:listed',
        filter: { a: 1 },
      }),
    ]);
    expect(list.headers.get('x-total-count')).toBe('1');
    const stats = await t.call('getRealtimeStats', { token: admin.token });
    expect(stats.status).toBe(200);
    expect(stats.body.total_connections).toBeGreaterThan(0);
    expect(stats.body.channels).toContain('room:listed');
    expect(stats.body.messages_per_second).toBeGreaterThan(0);
    const end = () =>
      t.call('disconnectSubscription', { params: { path: { subscriptionId: subId } }, token: admin.token });
    expect((await end()).status).toBe(204);
    expect((await client.nextOf('unsubscribed')).channel).toBe('room:listed');
    expect((await end()).status).toBe(404);
  });

  it('guards the HTTP operations: 401 without a token, 403 for a user, 400 for bad input', async () => {
    const some = '00000000-0000-4000-8000-000000000000';
    const calls = [
      (token?: string) => t.call('getSubscriptions', { token }),
      (token?: string) => t.call('disconnectSubscription', { params: { path: { subscriptionId: some } }, token }),
      (token?: string) => t.call('broadcast', { body: { channel: 'room:a', event: 'e', payload: 1 }, token }),
      (token?: string) => t.call('getRealtimeStats', { token }),
    ];
    for (const call of calls) {
      expect((await call()).status).toBe(401);
      expect((await call(alice.token)).status).toBe(403);
    }
    // Bad input on purpose: a user id and a subscription id that are not UUIDs, a channel with a space.
    expect((await t.raw.get('/realtime/subscriptions?user_id=nope', { token: admin.token })).status).toBe(400);
    expect((await t.raw.delete('/realtime/subscriptions/nope', { token: admin.token })).status).toBe(400);
    const badChannel = { channel: 'room a', event: 'e', payload: 1 };
    expect((await t.raw.post('/realtime/broadcast', badChannel, { token: admin.token })).status).toBe(400);
  });

  it('runs the unified operation subscribe, unsubscribe and broadcast kinds', async () => {
    const { client } = await open(alice.token);
    const sub = await t.call('executeOperation', {
      body: { op: 'subscribe', channel: 'room:standing' },
      token: alice.token,
    });
    expect(sub.status).toBe(200);
    expect(sub.body.data).toMatchObject({ type: 'subscription', channel: 'room:standing', status: 'created' });
    const sent = await t.call('executeOperation', {
      body: { op: 'broadcast', channel: 'room:standing', event: 'e', payload: 1 },
      token: admin.token,
    });
    expect(sent.body.data).toMatchObject({ type: 'broadcast', status: 'sent' });
    // Every connection alice has open gets it, this one included.
    expect(sent.body.data.subscribers_notified).toBeGreaterThanOrEqual(1);
    expect((await client.nextOf('broadcast', 'room:standing')).event).toBe('e');
    const forbidden = await t.call('executeOperation', {
      body: { op: 'broadcast', channel: 'room:standing', event: 'e', payload: 1 },
      token: alice.token,
    });
    expect(forbidden.status).toBe(403);
    const other = await t.call('executeOperation', {
      body: { op: 'unsubscribe', subscription_id: sub.body.data.subscription_id },
      token: bob.token,
    });
    expect(other.status).toBe(404);
    const gone = await t.call('executeOperation', {
      body: { op: 'unsubscribe', subscription_id: sub.body.data.subscription_id },
      token: alice.token,
    });
    expect(gone.body.data).toMatchObject({ type: 'unsubscribe', status: 'removed' });
    const missing = await t.call('executeOperation', {
      body: { op: 'subscribe', channel: 'db:no_such' },
      token: alice.token,
    });
    expect(missing.status).toBe(404);
  });
});
