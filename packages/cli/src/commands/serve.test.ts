import { describe, expect, it } from 'vitest';
import { UsageError } from '../usage-error';
import { configFromEnvOrUsage } from './serve';

describe('lockstep serve', () => {
  it('reads the server settings of the environment', () => {
    expect(configFromEnvOrUsage({ PORT: '8080', SESSION_CACHE_MS: '0' })).toMatchObject({
      port: 8080,
      sessionCacheMs: 0,
    });
  });

  it('answers a setting it cannot read as a usage error (one line, exit 2), not a stack', () => {
    expect(() => configFromEnvOrUsage({ MAX_JSON_BODY_BYTES: '1mb' })).toThrow(
      new UsageError('MAX_JSON_BODY_BYTES must be a whole number (bytes, 1 or more); it is "1mb".'),
    );
    expect(() => configFromEnvOrUsage({ PORT: 'abc' })).toThrow(UsageError);
  });
});
