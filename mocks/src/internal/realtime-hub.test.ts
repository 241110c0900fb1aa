import { asyncapiDocument } from '@lockstep/contract';
import { describe, expect, it } from 'vitest';
import type { RealtimeFrame } from '../types';
import { LIMITS, RealtimeHub } from './realtime-hub';
import { frameValidators } from './realtime-schemas';

const serverFrames = frameValidators(asyncapiDocument, 'server');
const ada = { user_id: '3f2b8c1d-0e77-4a9e-9a51-6f1c2a9e4b7d', email: 'ada@example.com' };
const bob = { user_id: '7c9e6679-7425-40de-944b-e07fc1f90ae7' };

/** A hub whose connections record what they get, each frame checked against its AsyncAPI schema. */
function setup(tables?: string[]) {
  const hub = new RealtimeHub(tables);
  const join = (identity?: { user_id: string; email?: string }) => {
    const got: any[] = [];
    const c = hub.open((frame: RealtimeFrame) => {
      const validate = serverFrames.get(frame.type);
      expect(validate?.(frame), `${JSON.stringify(frame)}: ${JSON.stringify(validate?.errors)}`).toBe(true);
      got.push(frame);
    }, identity);
    const say = (frame: object | string) => hub.receive(c, typeof frame === 'string' ? frame : JSON.stringify(frame));
    const last = () => got[got.length - 1];
    return { c, got, say, last };
  };
  return { hub, join };
}

describe('RealtimeHub', () => {
  it('greets, answers ping and confirms subscribe and unsubscribe', () => {
    const { join } = setup();
    const a = join();
    expect(a.got[0]).toMatchObject({ type: 'connected', payload: { connection_id: a.c.id } });
    a.say({ type: 'ping' });
    expect(a.last()).toEqual({ type: 'pong' });
    a.say({ type: 'subscribe', channel: 'room:a' });
    expect(a.last()).toMatchObject({ type: 'subscribed', channel: 'room:a' });
    a.say({ type: 'unsubscribe', channel: 'room:a' });
    expect(a.last()).toEqual({ type: 'unsubscribed', channel: 'room:a' });
  });

  it('broadcasts to the channel, to the sender unless it chose self: false', () => {
    const { join } = setup();
    const [a, b, outsider] = [join(), join(), join()];
    a.say({ type: 'subscribe', channel: 'room:a', self: false });
    b.say({ type: 'subscribe', channel: 'room:a' });
    a.say({ type: 'broadcast', channel: 'room:a', event: 'hi', payload: { n: 1 } });
    b.say({ type: 'broadcast', channel: 'room:a', event: 'yo', payload: 2 });
    const broadcasts = (x: { got: any[] }) => x.got.filter((f) => f.type === 'broadcast').map((f) => f.event);
    expect([broadcasts(a), broadcasts(b), broadcasts(outsider)]).toEqual([['yo'], ['hi', 'yo'], []]);
  });

  it('tracks presence: join, state (no emails for anonymous viewers), leave on unsubscribe and close', () => {
    const { hub, join } = setup();
    const [a, b, anon] = [join(ada), join(bob), join()];
    for (const x of [a, b, anon]) x.say({ type: 'subscribe', channel: 'room:p' });
    a.say({ type: 'track', channel: 'room:p', status: 'away', typing: true });
    expect(b.last()).toMatchObject({
      type: 'presence_join',
      user: { ...ada, status: 'away', metadata: { typing: true } },
    });
    expect(anon.last().user).not.toHaveProperty('email');
    b.say({ type: 'track', channel: 'room:p' });
    anon.say({ type: 'presence_state', channel: 'room:p' });
    expect(anon.last().users.map((u: any) => [u.user_id, u.email])).toEqual([
      [ada.user_id, undefined],
      [bob.user_id, undefined],
    ]);
    b.say({ type: 'unsubscribe', channel: 'room:p' });
    expect(a.last()).toMatchObject({ type: 'presence_leave', user: { user_id: bob.user_id, status: 'offline' } });
    hub.close(a.c);
    expect(anon.last()).toMatchObject({ type: 'presence_leave', user: { user_id: ada.user_id } });
  });

  it('sends pushed changes to matching subscriptions only', () => {
    const { hub, join } = setup(['todos']);
    const [all, mine, deletes] = [join(), join(), join()];
    all.say({ type: 'subscribe', channel: 'db:todos' });
    mine.say({ type: 'subscribe', channel: 'db:todos', filter: 'owner=eq.ada' });
    deletes.say({ type: 'subscribe', channel: 'db:todos', filter: { event: 'DELETE' } });
    expect(hub.emitChange({ table: 'todos', event: 'INSERT', record: { id: 1, owner: 'bob' } })).toBe(1);
    const update = { table: 'todos', event: 'UPDATE', record: { id: 1, owner: 'ada' }, old_record: { id: 1 } } as const;
    expect(hub.emitChange(update)).toBe(2);
    expect(mine.last()).toMatchObject({ type: 'db_change', event: 'UPDATE', payload: { old_record: { id: 1 } } });
    expect(hub.emitChange({ table: 'todos', event: 'DELETE', record: { id: 1, owner: 'ada' } })).toBe(3);
    expect(deletes.last().payload.change_id).toBe(3);
    expect(hub.emitChange({ table: 'other', event: 'INSERT', record: {} })).toBe(0);
    expect(hub.publish('db:todos', 'notice', 'hello')).toBe(3);
  });

  it.each([
    { frame: 'nope', code: 'INVALID_JSON' },
    { frame: { type: 'hello' }, code: 'VALIDATION_FAILED' },
    { frame: { type: 'subscribe', channel: 'has space' }, code: 'VALIDATION_FAILED' },
    { frame: { type: 'subscribe', channel: 'db:todos', filter: { id: { near: 1 } } }, code: 'VALIDATION_FAILED' },
    { frame: { type: 'subscribe', channel: 'db:ghosts' }, code: 'NOT_FOUND' },
    { frame: { type: 'broadcast', channel: 'db:todos', event: 'e', payload: 1 }, code: 'FORBIDDEN' },
    { frame: { type: 'track', channel: 'room:q' }, code: 'VALIDATION_FAILED' },
    { frame: `{"type":"ping","pad":"${'x'.repeat(LIMITS.frameBytes)}"}`, code: 'VALIDATION_FAILED' },
  ])('answers $code to a bad frame', ({ frame, code }) => {
    const { join } = setup(['todos']);
    const a = join(ada);
    a.say(frame);
    expect(a.last()).toMatchObject({ type: 'error', payload: { code } });
  });

  it('refuses track to anonymous connections and the subscription past the limit', () => {
    const { join } = setup();
    const anon = join();
    anon.say({ type: 'subscribe', channel: 'room:a' });
    anon.say({ type: 'track', channel: 'room:a' });
    expect(anon.last()).toMatchObject({ type: 'error', channel: 'room:a', payload: { code: 'FORBIDDEN' } });
    for (let i = 1; i < LIMITS.subscriptions; i++) anon.say({ type: 'subscribe', channel: `room:${i}` });
    anon.say({ type: 'subscribe', channel: 'room:one-too-many' });
    expect(anon.last()).toMatchObject({ type: 'error', payload: { code: 'RATE_LIMITED' } });
  });
});
