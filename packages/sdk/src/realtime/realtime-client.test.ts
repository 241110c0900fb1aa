import { afterEach, describe, expect, it, vi } from 'vitest';
import { RealtimeClient, type WebSocketLike } from './realtime-client';

/** An in-memory socket: records what the client sends; the test plays the server. */
class FakeSocket implements WebSocketLike {
  static all: FakeSocket[] = [];
  readyState = 1;
  sent: any[] = [];
  onopen: WebSocketLike['onopen'] = null;
  onmessage: WebSocketLike['onmessage'] = null;
  onclose: WebSocketLike['onclose'] = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = 3;
  }
  server(frame: object) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  drop(code: number) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

function client(token = 'tok') {
  const auth = { token: vi.fn(async () => token), refresh: vi.fn(async () => undefined) };
  const rt = new RealtimeClient('http://api.test', auth, {
    WebSocket: FakeSocket,
    reconnectBaseMs: 10,
    reconnectMaxMs: 40,
  });
  return { rt, auth };
}

afterEach(() => {
  FakeSocket.all = [];
  vi.useRealTimers();
});

describe('RealtimeClient', () => {
  it('connects with the token, subscribes channels on connected, and routes frames to handlers', async () => {
    const { rt } = client();
    const inserts: unknown[] = [];
    const all: string[] = [];
    rt.channel('db:todos')
      .on('INSERT', { owner_id: 'me' }, (p) => inserts.push(p.record))
      .on('*', (_p, e) => all.push(e))
      .subscribe();
    await rt.connect();
    const socket = FakeSocket.all[0];
    expect(socket.url).toBe('ws://api.test/realtime?token=tok');
    socket.server({ type: 'connected', payload: { connection_id: 'c1' } });
    expect(socket.sent).toEqual([{ type: 'subscribe', channel: 'db:todos', filter: { owner_id: 'me' } }]);
    socket.server({
      type: 'db_change',
      channel: 'db:todos',
      event: 'INSERT',
      payload: { table: 'todos', record: { id: 1 } },
    });
    socket.server({
      type: 'db_change',
      channel: 'db:todos',
      event: 'DELETE',
      payload: { table: 'todos', record: { id: 1 } },
    });
    expect(inserts).toEqual([{ id: 1 }]);
    expect(all).toEqual(['INSERT', 'DELETE']);
    expect(rt.connectionId).toBe('c1');
  });

  it('broadcasts, tracks presence and asks for the state on join and leave', async () => {
    const { rt } = client();
    await rt.connect();
    const socket = FakeSocket.all[0];
    socket.server({ type: 'connected', payload: { connection_id: 'c1' } });
    const room = rt.channel('room:a').subscribe({ self: false });
    const got: unknown[] = [];
    const present: unknown[] = [];
    room.onBroadcast('hi', (p) => got.push(p)).onPresence((users) => present.push(users.length));
    room.send('hi', { x: 1 });
    room.track({ status: 'away' });
    socket.server({ type: 'broadcast', channel: 'room:a', event: 'hi', payload: 2 });
    socket.server({
      type: 'presence_join',
      channel: 'room:a',
      user: { user_id: 'u', online_at: 't', status: 'online' },
    });
    socket.server({
      type: 'presence_state',
      channel: 'room:a',
      users: [{ user_id: 'u', online_at: 't', status: 'online' }],
    });
    expect(socket.sent).toEqual([
      { type: 'subscribe', channel: 'room:a', self: false },
      { type: 'broadcast', channel: 'room:a', event: 'hi', payload: { x: 1 } },
      { type: 'track', channel: 'room:a', status: 'away' },
      { type: 'presence_state', channel: 'room:a' },
    ]);
    expect(got).toEqual([2]);
    expect(present).toEqual([1]);
  });

  it('reconnects with backoff and resubscribes; refreshes the session after a 4001', async () => {
    vi.useFakeTimers();
    const { rt, auth } = client();
    rt.channel('room:b').subscribe();
    await rt.connect();
    FakeSocket.all[0].drop(1006);
    await vi.advanceTimersByTimeAsync(10);
    expect(FakeSocket.all).toHaveLength(2);
    FakeSocket.all[1].server({ type: 'connected', payload: { connection_id: 'c2' } });
    expect(FakeSocket.all[1].sent).toEqual([{ type: 'subscribe', channel: 'room:b' }]);
    FakeSocket.all[1].drop(4001);
    await vi.advanceTimersByTimeAsync(10);
    expect(auth.refresh).toHaveBeenCalledTimes(1);
    expect(FakeSocket.all).toHaveLength(3);
  });

  it('stays closed after disconnect()', async () => {
    vi.useFakeTimers();
    const { rt } = client();
    await rt.connect();
    rt.disconnect();
    FakeSocket.all[0].drop(1000);
    await vi.advanceTimersByTimeAsync(100);
    expect(FakeSocket.all).toHaveLength(1);
  });
});
