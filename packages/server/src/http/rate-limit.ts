import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimit } from '../config';
import { HttpError } from './http-error';

/** A named limit on attempts per client key, answering 429 with Retry-After when exceeded. */
export class AttemptLimiter {
  private readonly limiter: RateLimiterMemory;

  constructor(
    readonly name: string,
    limit: RateLimit,
  ) {
    this.limiter = new RateLimiterMemory({ points: limit.points, duration: limit.duration, keyPrefix: name });
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
