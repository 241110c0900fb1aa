import { describe, expect, it } from 'vitest';
import { RedisBus, redisChannelOf } from './redis-bus';

describe('redisChannelOf', () => {
  it.each([
    {
      given: ['postgres://u:secret@db.local:5432/app', 'public'],
      want: 'lockstep:realtime:db.local:5432/app:public',
    },
    { given: ['postgres://127.0.0.1/test', 'ls_t1'], want: 'lockstep:realtime:127.0.0.1/test:ls_t1' },
  ])('$given → $want (no credentials in the name)', ({ given, want }) => {
    expect(redisChannelOf(given[0], given[1])).toBe(want);
  });
});

describe('RedisBus.connect', () => {
  it('fails at once when Redis cannot be reached, instead of retrying forever', async () => {
    const log = { warn: () => undefined } as never;
    await expect(RedisBus.connect('redis://127.0.0.1:1', 'c', () => undefined, log)).rejects.toThrow(
      /REDIS_URL: cannot use Redis/,
    );
  });
});
