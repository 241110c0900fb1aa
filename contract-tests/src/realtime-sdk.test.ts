import { createClient } from '@lockstep/sdk';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type Person, setupAdmin, signUpUser } from './harness/fixtures';
import { contractSuite } from './harness/suite';
import { listenOn } from './realtime-support';

contractSuite(import.meta.filename, 'realtime: the SDK client against the server', (t) => {
  let admin: Person;
  let user: Person;
  let url: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    admin = await setupAdmin(t);
    user = await signUpUser(t, 'rt-sdk');
    ({ url, stop } = await listenOn(t.target.app!));
    const table = { name: 'sdk_todos', columns: [{ name: 'title', type: 'text' }] } as const;
    expect((await t.call('createTable', { body: table, token: admin.token })).status).toBe(201);
  });

  afterAll(async () => {
    await stop?.();
  });

  it('signs in, receives row changes and broadcasts through client.realtime', async () => {
    const client = createClient({ url, realtime: { WebSocket, pingIntervalMs: 1000 } });
    expect((await client.auth.signIn({ body: { email: user.email, password: user.password } })).error).toBeUndefined();
    const titles: string[] = [];
    const broadcasts: unknown[] = [];
    const subscribed = new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (
          client.realtime.channel('db:sdk_todos').subscriptionId &&
          client.realtime.channel('room:sdk').subscriptionId
        ) {
          clearInterval(timer);
          resolve();
        }
      }, 20);
    });
    client.realtime
      .channel('db:sdk_todos')
      .on('INSERT', { title: { like: 'keep%' } }, (p) => titles.push(String(p.record.title)))
      .subscribe();
    client.realtime
      .channel('room:sdk')
      .onBroadcast('*', (p) => broadcasts.push(p))
      .subscribe();
    await client.realtime.connect();
    await subscribed;
    const todos = { path: { tableName: 'sdk_todos' } };
    for (const title of ['keep 1', 'drop', 'keep 2'])
      expect((await t.call('insertRow', { params: todos, body: { title }, token: admin.token })).status).toBe(201);
    client.realtime.channel('room:sdk').send('hello', { n: 1 });
    const deadline = Date.now() + 3000;
    while ((titles.length < 2 || broadcasts.length < 1) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(titles).toEqual(['keep 1', 'keep 2']);
    expect(broadcasts).toEqual([{ n: 1 }]);
    client.realtime.disconnect();
  });
});
