import { describe, expect, it } from 'vitest';
import { errorFrame, FrameError, parseClientFrame } from './frames';

describe('parseClientFrame', () => {
  it.each([
    [{ type: 'ping' }, { type: 'ping' }],
    [
      { type: 'subscribe', channel: 'db:todos', filter: { a: 1 } },
      { type: 'subscribe', channel: 'db:todos', filter: { a: 1 } },
    ],
    [
      { type: 'subscribe', channel: 'room:x', self: false },
      { type: 'subscribe', channel: 'room:x', self: false },
    ],
    [
      { type: 'unsubscribe', channel: 'room:x' },
      { type: 'unsubscribe', channel: 'room:x' },
    ],
    [
      { type: 'broadcast', channel: 'room:x', event: 'e', payload: null },
      { type: 'broadcast', channel: 'room:x', event: 'e', payload: null },
    ],
    [
      { type: 'track', channel: 'room:x' },
      { type: 'track', channel: 'room:x', metadata: {} },
    ],
    [
      { type: 'track', channel: 'room:x', status: 'away', typing: true },
      { type: 'track', channel: 'room:x', status: 'away', metadata: { typing: true } },
    ],
    [
      { type: 'presence_state', channel: 'room:x' },
      { type: 'presence_state', channel: 'room:x' },
    ],
  ])('accepts %j', (given, want) => {
    expect(parseClientFrame(JSON.stringify(given))).toEqual(want);
  });

  it.each([
    ['{', 'INVALID_JSON'],
    ['[]', 'VALIDATION_FAILED'],
    ['{"type":1}', 'VALIDATION_FAILED'],
    ['{"type":"hello"}', 'VALIDATION_FAILED'],
    ['{"type":"ping","x":1}', 'VALIDATION_FAILED'],
    ['{"type":"subscribe"}', 'VALIDATION_FAILED'],
    ['{"type":"subscribe","channel":"a b"}', 'VALIDATION_FAILED'],
    ['{"type":"subscribe","channel":"a","self":"yes"}', 'VALIDATION_FAILED'],
    ['{"type":"unsubscribe","channel":"a","extra":1}', 'VALIDATION_FAILED'],
    ['{"type":"broadcast","channel":"a","event":"","payload":1}', 'VALIDATION_FAILED'],
    ['{"type":"broadcast","channel":"a","event":"e"}', 'VALIDATION_FAILED'],
    ['{"type":"track","channel":"a","status":"busy"}', 'VALIDATION_FAILED'],
    ['{"type":"__proto__","channel":"a"}', 'VALIDATION_FAILED'],
    ['{"type":"constructor","channel":"a"}', 'VALIDATION_FAILED'],
    ['{"type":"toString"}', 'VALIDATION_FAILED'],
  ])('refuses %s with %s', (text, code) => {
    try {
      parseClientFrame(text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FrameError);
      expect((error as FrameError).code).toBe(code);
    }
  });

  it('builds error frames with the text in both places', () => {
    expect(errorFrame('NOT_FOUND', 'No table x', 'db:x')).toEqual({
      type: 'error',
      channel: 'db:x',
      payload: { message: 'No table x', code: 'NOT_FOUND' },
      error: 'No table x',
    });
  });
});
