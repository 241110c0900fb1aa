/**
 * What the benchmarks change in the reference server's configuration, wherever they start one:
 * a fixed token secret, and rate limits raised so the login scenario measures the login, not
 * the limiter.
 */
import type { ServerConfig } from '@lockstep/server';

const unlimited = { points: 1_000_000_000, duration: 60 };

export const benchConfig = {
  jwtSecret: 'bench-secret-bench-secret-bench-secret-0123456789',
  rateLimits: { login: unlimited, loginPerAddress: unlimited, signup: unlimited, forgotPassword: unlimited },
} satisfies Partial<ServerConfig>;
