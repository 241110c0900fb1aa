import { asyncapiDocument } from '@lockstep/contract';
import { describe, expect, it } from 'vitest';
import { frameMessages, frameValidators } from './realtime-schemas';

describe('frameMessages', () => {
  it('lists what each side sends, by frame type', () => {
    expect([...frameMessages(asyncapiDocument, 'client').keys()].sort()).toEqual(
      ['broadcast', 'ping', 'presence_state', 'subscribe', 'track', 'unsubscribe'].sort(),
    );
    const server = frameMessages(asyncapiDocument, 'server');
    expect(server.get('db_change')).toBe('dbChange');
    expect(server.get('broadcast')).toBe('broadcast');
    expect(server.size).toBe(11);
  });
});

describe('frameValidators', () => {
  const server = frameValidators(asyncapiDocument, 'server');
  const client = frameValidators(asyncapiDocument, 'client');
  it.each([
    { side: client, given: { type: 'subscribe', channel: 'room:a' }, want: true },
    { side: client, given: { type: 'subscribe' }, want: false },
    { side: client, given: { type: 'subscribe', channel: 'bad channel' }, want: false },
    { side: client, given: { type: 'track', channel: 'room:a', mood: 'ok' }, want: true },
    { side: server, given: { type: 'pong' }, want: true },
    { side: server, given: { type: 'pong', extra: 1 }, want: false },
    { side: server, given: { type: 'subscribed', channel: 'room:a', subscription_id: 'x' }, want: false },
  ])('$given is valid: $want', ({ side, given, want }) => {
    expect(side.get(given.type)?.(given)).toBe(want);
  });
});
