import { describe, expect, it } from 'vitest';
import { redisChannelOf } from './redis-bus';

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
