/**
 * The server's configuration, from flags and environment. Every option has a default that
 * gives the embedded setup: SQLite and local files under ./data on port 54321.
 */
import { resolve } from 'node:path';
import { wholeNumber } from './env-number';
import { type FunctionsOptions, functionsOptionsFromEnv } from './modules/functions/options';
import { type ObservabilityOptions, observabilityOptionsFromEnv } from './modules/observability/options';
import type { RealtimeOptions } from './modules/realtime/options';
import type { WebhookOptions } from './modules/webhooks/options';
import { webhookOptionsFromEnv } from './modules/webhooks/options';
import type { S3Options } from './storage/s3-backend';
import { storageConfigFromEnv } from './storage/storage-config';

/** How many attempts a client may make per window on a credential endpoint. */
export interface RateLimit {
  points: number;
  /** Window length in seconds. */
  duration: number;
}

export interface ServerConfig {
  /** @default 54321 */
  port: number;
  /** @default '0.0.0.0' */
  host: string;
  /** @default './data' */
  dataDir: string;
  /** A `postgres://` URL switches to PostgreSQL. @default undefined (SQLite) */
  databaseUrl?: string;
  /** PostgreSQL schema (tests isolate servers with it). @default undefined (`public`) */
  pgSchema?: string;
  /** Signing secret for access tokens. @default a random secret generated once and kept in the database */
  jwtSecret?: string;
  /** Origins allowed by CORS. @default the AeroDB dashboard's dev origins */
  corsOrigins: string[];
  /** `smtp://` or `smtps://` URL; without it, email stays in the outbox. @default undefined */
  smtpUrl?: string;
  /** Sender of outgoing email. @default 'Lockstep <no-reply@localhost>' */
  mailFrom: string;
  /** Base URL of links in emails (password reset, verification). @default 'http://localhost:5173' */
  publicUrl: string;
  /** pino log level; 'silent' in tests. @default 'info' */
  logLevel: string;
  /** Trust `X-Forwarded-For` for the client address. @default false */
  trustProxy: boolean;
  /** Validate every response against the spec (tests turn this on). @default false */
  validateResponses: boolean;
  /**
   * Attempts per window: `login` per (address, email), `loginPerAddress` per address
   * whatever the email (so password spraying is limited too).
   */
  rateLimits: { login: RateLimit; loginPerAddress: RateLimit; signup: RateLimit; forgotPassword: RateLimit };
  /** Where file bytes live: files under `<dataDir>/storage`, or S3-compatible object storage. @default 'local' */
  storageBackend?: 'local' | 's3';
  /** The object store of the `s3` backend (`S3_ENDPOINT`, `S3_REGION`, `S3_BUCKET`, `S3_ACCESS_KEY_ID`, `S3_SECRET_ACCESS_KEY`). @default undefined */
  s3?: S3Options;
  /** Hours of history point-in-time recovery keeps restorable (`PITR_RETENTION_HOURS`); 0 turns it off. @default 24 */
  pitrRetentionHours?: number;
  /** The largest upload in bytes, for buckets without their own limit. @default 5 GiB */
  storageUploadLimit?: number;
  /** The most bytes all buckets together may hold. @default undefined (no limit) */
  storageQuotaBytes?: number;
  /** The largest JSON body in bytes (`MAX_JSON_BODY_BYTES`); file uploads have their own limit. @default 1 MiB */
  maxJsonBodyBytes: number;
  /** Operations run at once; more wait in a queue so health probes stay fast under overload. @default 16 */
  maxConcurrentOperations: number;
  /** How long a live session is remembered between lookups (`SESSION_CACHE_MS`); any change to sessions or users forgets at once, on every instance. 0 looks every request up. @default 1000 */
  sessionCacheMs?: number;
  /** The server's own public URL, used in the links it answers (signed URLs). @default `http://localhost:<port>` */
  apiUrl?: string;
  /** The token a caller from another machine sends (`X-Setup-Token`) to run the setup wizard (`SETUP_TOKEN`). @default a random token printed at start-up */
  setupToken?: string;
  /** Limits and timings of the realtime WebSocket (`modules/realtime/options.ts`). @default its defaults */
  realtime?: Partial<RealtimeOptions>;
  /** A `redis://` URL (`REDIS_URL`): on PostgreSQL, realtime messages between instances use Redis pub/sub. @default undefined (NOTIFY) */
  redisUrl?: string;
  /** Sandbox threads and limits of user functions (`modules/functions/options.ts`). @default its defaults */
  functions?: Partial<FunctionsOptions>;
  /** What logs and metrics keep and for how long (`modules/observability/options.ts`). @default its defaults */
  observability?: Partial<ObservabilityOptions>;
  /** Webhook delivery: retries, timeouts, private addresses (`modules/webhooks/options.ts`). @default its defaults */
  webhooks?: Partial<WebhookOptions>;
}

export const defaultConfig: ServerConfig = {
  port: 54321,
  host: '0.0.0.0',
  dataDir: './data',
  corsOrigins: ['http://localhost:5173', 'http://localhost:3000', 'http://127.0.0.1:5173'],
  mailFrom: 'Lockstep <no-reply@localhost>',
  publicUrl: 'http://localhost:5173',
  logLevel: 'info',
  trustProxy: false,
  validateResponses: false,
  maxJsonBodyBytes: 1024 * 1024,
  maxConcurrentOperations: 16,
  rateLimits: {
    login: { points: 10, duration: 60 },
    loginPerAddress: { points: 60, duration: 300 },
    signup: { points: 5, duration: 60 },
    forgotPassword: { points: 5, duration: 300 },
  },
};

/** The configuration the environment gives, over the defaults. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const c = { ...defaultConfig };
  if (env.PORT) c.port = wholeNumber('PORT', env.PORT, 'a TCP port', 0, 65535);
  if (env.HOST) c.host = env.HOST;
  if (env.DATA_DIR) c.dataDir = env.DATA_DIR;
  if (env.DATABASE_URL) c.databaseUrl = env.DATABASE_URL;
  if (env.REDIS_URL) c.redisUrl = env.REDIS_URL;
  if (env.JWT_SECRET) c.jwtSecret = env.JWT_SECRET;
  if (env.CORS_ORIGINS) c.corsOrigins = env.CORS_ORIGINS.split(',').map((o) => o.trim());
  if (env.SMTP_URL) c.smtpUrl = env.SMTP_URL;
  if (env.MAIL_FROM) c.mailFrom = env.MAIL_FROM;
  if (env.PUBLIC_URL) c.publicUrl = env.PUBLIC_URL;
  if (env.LOG_LEVEL) c.logLevel = env.LOG_LEVEL;
  if (env.TRUST_PROXY) c.trustProxy = env.TRUST_PROXY === 'true';
  if (env.MAX_JSON_BODY_BYTES)
    c.maxJsonBodyBytes = wholeNumber('MAX_JSON_BODY_BYTES', env.MAX_JSON_BODY_BYTES, 'bytes', 1);
  if (env.MAX_CONCURRENT_OPERATIONS)
    c.maxConcurrentOperations = wholeNumber(
      'MAX_CONCURRENT_OPERATIONS',
      env.MAX_CONCURRENT_OPERATIONS,
      'operations',
      1,
    );
  if (env.SESSION_CACHE_MS) c.sessionCacheMs = wholeNumber('SESSION_CACHE_MS', env.SESSION_CACHE_MS, 'milliseconds');
  if (env.API_URL) c.apiUrl = env.API_URL;
  if (env.SETUP_TOKEN) c.setupToken = env.SETUP_TOKEN;
  if (env.PITR_RETENTION_HOURS)
    c.pitrRetentionHours = wholeNumber('PITR_RETENTION_HOURS', env.PITR_RETENTION_HOURS, 'hours');
  Object.assign(c, storageConfigFromEnv(env));
  c.functions = functionsOptionsFromEnv(env);
  c.observability = observabilityOptionsFromEnv(env);
  c.webhooks = webhookOptionsFromEnv(env);
  return c;
}

/** Resolves relative paths against the working directory. */
export function finalizeConfig(config: ServerConfig): ServerConfig {
  return { ...config, dataDir: resolve(config.dataDir) };
}
