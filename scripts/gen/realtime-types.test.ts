/** The realtime frame types' generator on a small AsyncAPI document: names, unions and codes. */
import { describe, expect, it } from 'vitest';
import { errorCodes, frameTypeName, messagesOf, renderRealtimeTypes } from './realtime-types';

const payload = (type: string) => ({
  type: 'object',
  required: ['type'],
  properties: { type: { type: 'string', const: type } },
});

const doc = {
  channels: {
    rt: {
      messages: {
        ping: { $ref: '#/components/messages/ping' },
        pong: { $ref: '#/components/messages/pong' },
        error: { $ref: '#/components/messages/error' },
      },
    },
  },
  operations: {
    receivePing: { action: 'receive', messages: [{ $ref: '#/channels/rt/messages/ping' }] },
    sendPong: { action: 'send', messages: [{ $ref: '#/channels/rt/messages/pong' }] },
    sendError: { action: 'send', messages: [{ $ref: '#/channels/rt/messages/error' }] },
  },
  components: {
    schemas: {},
    messages: {
      ping: { name: 'ping', payload: payload('ping') },
      pong: { name: 'pong', payload: payload('pong') },
      error: {
        name: 'error',
        payload: {
          type: 'object',
          properties: { payload: { type: 'object', properties: { code: { type: 'string', enum: ['A', 'B'] } } } },
        },
      },
    },
  },
};

describe('realtime frame types', () => {
  it.each([
    { given: 'ping', want: 'PingFrame' },
    { given: 'presenceStateRequest', want: 'PresenceStateRequestFrame' },
  ])('names message $given as $want', ({ given, want }) => {
    expect(frameTypeName(given)).toBe(want);
  });

  it('sorts messages by who sends them', () => {
    expect(messagesOf(doc, 'receive')).toEqual(['ping']);
    expect(messagesOf(doc, 'send')).toEqual(['pong', 'error']);
  });

  it('refuses an operation whose message the channel does not hold', () => {
    const broken = {
      ...doc,
      operations: { x: { action: 'send', messages: [{ $ref: '#/channels/rt/messages/nope' }] } },
    };
    expect(() => messagesOf(broken, 'send')).toThrow(/names no channel message/);
  });

  it('reads the error codes, and refuses a document without them', () => {
    expect(errorCodes(doc)).toEqual(['A', 'B']);
    expect(() => errorCodes({ components: { messages: {} } })).toThrow(/lists no codes/);
  });

  it('renders the unions, the codes and nothing but the aliases exported', async () => {
    const text = await renderRealtimeTypes(doc, '// header');
    expect(text.startsWith('// header\n')).toBe(true);
    expect(text).toContain('export type ClientFrame =\n  | PingFrame;');
    expect(text).toContain('export type ServerFrame =\n  | PongFrame\n  | ErrorFrame;');
    expect(text).toContain("export const frameErrorCodes = ['A', 'B'] as const;");
    expect(text).toContain("export type PingFrame = schemas['PingFrame'];");
    expect(text).not.toMatch(/^export (interface components|type (paths|webhooks|operations|\$defs))/m);
  });
});
