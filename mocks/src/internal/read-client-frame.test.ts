import { asyncapiDocument } from '@lockstep/contract';
import { describe, expect, it } from 'vitest';
import { readClientFrame } from './read-client-frame';
import { frameValidators } from './realtime-schemas';

const validators = frameValidators(asyncapiDocument, 'client');

describe('readClientFrame', () => {
  it('answers a valid frame', () => {
    expect(readClientFrame('{"type":"subscribe","channel":"room:a","self":false}', validators)).toEqual({
      type: 'subscribe',
      channel: 'room:a',
      self: false,
    });
  });
  it.each([
    { given: 'not json', code: 'INVALID_JSON', message: 'not JSON' },
    { given: '[1]', code: 'VALIDATION_FAILED', message: 'a JSON object with a type' },
    { given: '{"channel":"a"}', code: 'VALIDATION_FAILED', message: 'type: required' },
    { given: '{"type":"hello"}', code: 'VALIDATION_FAILED', message: 'Unknown message type: hello' },
    { given: '{"type":"subscribe"}', code: 'VALIDATION_FAILED', message: 'channel: is required' },
    { given: '{"type":"ping","x":1}', code: 'VALIDATION_FAILED', message: 'x: is not allowed' },
    {
      given: '{"type":"broadcast","channel":"room:a","event":"e"}',
      code: 'VALIDATION_FAILED',
      message: 'payload: is required',
      channel: 'room:a',
    },
  ])('refuses $given with $code', ({ given, code, message, channel }) => {
    let refusal: unknown;
    try {
      readClientFrame(given, validators);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({ code, message: expect.stringContaining(message), channel });
  });
});
