/**
 * The realtime mock through msw/node, as an app would meet it: the SDK's realtime client on
 * the global WebSocket, signed in through the HTTP mocks. Every frame the mock sends is
 * checked against its AsyncAPI payload schema. Node 20 has no global WebSocket, and msw
 * intercepts only the global one: the test sets the ws package's before msw starts (any
 * constructor serves, msw answers every connection itself).
 */
import { asyncapiDocument } from '@lockstep/contract';
import { createClient, type PresenceUser } from '@lockstep/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { createRealtimeMock } from '../create-realtime-mock';
import { frameValidators } from '../internal/realtime-schemas';
import { createMockServer } from '../node';
import { answerViolations } from '../test-support/answer-violations';

const g = globalThis as { WebSocket?: unknown };
const hadWebSocket = g.WebSocket !== undefined;
g.WebSocket ??= NodeWebSocket;

const realtime = createRealtimeMock({ tables: ['todos'] });
const server = createMockServer({ realtime });
const serverFrames = frameValidators(asyncapiDocument, 'server');
const received: any[] = [];
const invalid: unknown[] = [];

/** The global (msw's) WebSocket, recording and checking every frame it receives. */
function recordingSocket(): new (url: string) => WebSocket {
  const Global = g.WebSocket as typeof WebSocket;
  return class extends Global {
    constructor(url: string) {
      super(url);
      this.addEventListener('message', (event) => {
        const frame = JSON.parse(String(event.data));
        received.push(frame);
        const validate = serverFrames.get(frame.type);
        if (!validate?.(frame)) invalid.push({ frame, errors: validate?.errors ?? 'unknown type' });
      });
    }
  };
}

async function until(done: () => boolean, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out; frames: ${JSON.stringify(received.slice(-5))}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function signedIn() {
  const client = createClient({ url: 'http://localhost:54321', realtime: { WebSocket: recordingSocket() } });
  const { error } = await client.auth.signIn({ body: { email: 'ada@example.com', password: 'correct horse' } });
  expect(error).toBeUndefined();
  return client;
}

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  expect(invalid).toEqual([]);
  realtime.closeAll();
});
afterAll(() => {
  server.close();
  if (!hadWebSocket) delete g.WebSocket;
});

describe('the realtime mock with the SDK client', () => {
  it('delivers pushed changes that pass the subscription filter', async () => {
    const client = await signedIn();
    const titles: string[] = [];
    const todos = client.realtime
      .channel('db:todos')
      .on('INSERT', { title: { like: 'keep%' } }, (p) => titles.push(String(p.record.title)))
      .subscribe();
    await client.realtime.connect();
    await until(() => todos.subscriptionId !== undefined);
    for (const title of ['keep 1', 'drop', 'keep 2'])
      realtime.emitChange({ table: 'todos', event: 'INSERT', record: { id: title, title } });
    await until(() => titles.length === 2);
    expect(titles).toEqual(['keep 1', 'keep 2']);
    client.realtime.disconnect();
  });

  it('broadcasts to the other clients, and to the sender unless self is false; presence joins and leaves', async () => {
    const [a, b] = [await signedIn(), await signedIn()];
    const got = { a: [] as unknown[], b: [] as unknown[] };
    const present: PresenceUser[][] = [];
    const roomA = a.realtime
      .channel('room:mock')
      .onBroadcast('*', (p) => got.a.push(p))
      .onPresence((users) => present.push(users))
      .subscribe();
    const roomB = b.realtime
      .channel('room:mock')
      .onBroadcast('*', (p) => got.b.push(p))
      .subscribe({ self: false });
    await Promise.all([a.realtime.connect(), b.realtime.connect()]);
    await until(() => roomA.subscriptionId !== undefined && roomB.subscriptionId !== undefined);
    roomB.send('chat', 'from b');
    roomA.send('chat', 'from a');
    await until(() => got.a.length === 2 && got.b.length === 1);
    expect(got).toEqual({ a: ['from b', 'from a'], b: ['from a'] });
    roomB.track({ status: 'away' });
    await until(() => present.length > 0);
    expect(present.at(-1)).toEqual([expect.objectContaining({ status: 'away', user_id: expect.any(String) })]);
    b.realtime.disconnect();
    await until(() => present.at(-1)?.length === 0);
    expect(received.some((f) => f.type === 'presence_leave')).toBe(true);
    a.realtime.disconnect();
  });

  it('answers ping, a server message, and the documented error frames', async () => {
    const client = await signedIn();
    const errors: string[] = [];
    const messages: unknown[] = [];
    const room = client.realtime
      .channel('room:errors')
      .onBroadcast('notice', (p) => messages.push(p))
      .onError((_message, code) => errors.push(code))
      .subscribe();
    client.realtime
      .channel('db:ghosts')
      .onError((_m, code) => errors.push(code))
      .subscribe();
    await client.realtime.connect();
    await until(() => room.subscriptionId !== undefined && errors.length === 1);
    room.send('x'.repeat(101), 1);
    expect(realtime.publish('room:errors', 'notice', { at: 'now' })).toBe(1);
    await until(() => errors.length === 2 && messages.length === 1);
    expect(errors).toEqual(['NOT_FOUND', 'VALIDATION_FAILED']);
    const raw = new (recordingSocket())('ws://localhost:54321/realtime');
    await until(() => received.at(-1)?.type === 'connected');
    for (const text of ['{"type":"ping"}', 'not json', '{"type":"hello"}']) raw.send(text);
    await until(() => received.at(-1)?.type === 'error' && received.at(-1)?.payload.code === 'VALIDATION_FAILED');
    expect(received.slice(-3).map((f) => f.payload?.code ?? f.type)).toEqual([
      'pong',
      'INVALID_JSON',
      'VALIDATION_FAILED',
    ]);
    raw.close();
    client.realtime.disconnect();
  });

  it('sends POST /realtime/broadcast to the socket mock’s subscribers, answering as the spec says', async () => {
    const client = await signedIn();
    const got: unknown[] = [];
    const room = client.realtime
      .channel('room:http')
      .onBroadcast('news', (p) => got.push(p))
      .subscribe();
    await client.realtime.connect();
    await until(() => room.subscriptionId !== undefined);
    const body = JSON.stringify({ channel: 'room:http', event: 'news', payload: { n: 1 } });
    const headers = { authorization: 'Bearer x', 'content-type': 'application/json' };
    const response = await fetch('http://localhost:54321/realtime/broadcast', { method: 'POST', headers, body });
    expect(await answerViolations('broadcast', response)).toEqual([]);
    expect(await response.json()).toEqual({ recipients: 1, subscribers_notified: 1 });
    await until(() => got.length === 1);
    expect(got).toEqual([{ n: 1 }]);
    const anonymous = await fetch('http://localhost:54321/realtime/broadcast', { method: 'POST', body });
    expect(anonymous.status).toBe(401);
    client.realtime.disconnect();
  });

  it('refuses an unreadable token with UNAUTHENTICATED and close 4001', async () => {
    const raw = new (recordingSocket())('ws://localhost:54321/realtime?token=opaque');
    const closed = new Promise<number>((resolve) => raw.addEventListener('close', (e) => resolve(e.code)));
    expect(await closed).toBe(4001);
    expect(received.at(-1)).toMatchObject({ type: 'error', payload: { code: 'UNAUTHENTICATED' } });
  });
});
