import type pg from 'pg';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import type { RateLimit } from '../config';
import { HttpError } from './http-error';

/**
 * A named limit on attempts per client key, answering 429 with Retry-After when exceeded.
 * On PostgreSQL the counters live in `ls_rate_limits`, shared by every instance, with an
 * in-memory limiter as insurance while the database is unreachable; on SQLite (one
 * instance) they live in memory.
 */
export class AttemptLimiter {
  private readonly limiter: RateLimiterAbstract;

  constructor(
    readonly name: string,
    limit: RateLimit,
    pgPool?: pg.Pool,
  ) {
    const options = { points: limit.points, duration: limit.duration, keyPrefix: name };
    this.limiter = pgPool
      ? new RateLimiterPostgres({
          ...options,
          storeClient: pgPool,
          tableName: 'ls_rate_limits',
          tableCreated: true,
          clearExpiredByTimeout: false,
          insuranceLimiter: new RateLimiterMemory(options),
        })
      : new RateLimiterMemory(options);
  }

  /** Counts one attempt for `key`; throws 429 RATE_LIMITED past the limit. */
  async consume(key: string): Promise<void> {
    try {
      await this.limiter.consume(key);
    } catch (result) {
      if (!(result instanceof RateLimiterRes)) throw result;
      const seconds = Math.max(1, Math.ceil(result.msBeforeNext / 1000));
      throw new HttpError(429, 'RATE_LIMITED', `Too many attempts; try again in ${seconds} seconds.`, undefined, {
        'Retry-After': String(seconds),
      });
    }
  }
}
