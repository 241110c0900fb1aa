import { describe, expect, it } from 'vitest';
import { configFromEnv } from './config';

describe('configFromEnv', () => {
  it.each([
    { given: { REDIS_URL: 'redis://127.0.0.1:6379' }, want: 'redis://127.0.0.1:6379' },
    { given: {}, want: undefined },
  ])('REDIS_URL $given.REDIS_URL → redisUrl $want', ({ given, want }) => {
    expect(configFromEnv(given).redisUrl).toBe(want);
  });
});
