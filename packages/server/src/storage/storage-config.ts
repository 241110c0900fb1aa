/** The storage options the environment gives (`STORAGE_BACKEND`, `S3_*`, `STORAGE_*`). */
import type { S3Options } from './s3-backend';

/** The default upload limit for buckets without their own: 5 GiB, S3's largest single copy. */
export const DEFAULT_UPLOAD_LIMIT = 5 * 1024 ** 3;

function positiveInteger(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} must be a positive integer of bytes, got ${value}`);
  return n;
}

function s3FromEnv(env: NodeJS.ProcessEnv): S3Options {
  return {
    endpoint: env.S3_ENDPOINT || undefined,
    region: env.S3_REGION || 'us-east-1',
    bucket: env.S3_BUCKET || undefined,
    accessKeyId: env.S3_ACCESS_KEY_ID || undefined,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY || undefined,
    forcePathStyle: env.S3_FORCE_PATH_STYLE !== 'false',
  };
}

/** The storage fields of the server's configuration (see `ServerConfig` for their defaults). */
export interface StorageConfig {
  storageBackend?: 'local' | 's3';
  s3?: S3Options;
  storageUploadLimit?: number;
  storageQuotaBytes?: number;
}

/** The storage fields of the configuration set by `env`; throws on a value it cannot use. */
export function storageConfigFromEnv(env: NodeJS.ProcessEnv): StorageConfig {
  const out: StorageConfig = {};
  if (env.STORAGE_BACKEND) {
    if (env.STORAGE_BACKEND !== 'local' && env.STORAGE_BACKEND !== 's3')
      throw new Error(`STORAGE_BACKEND must be local or s3, got ${env.STORAGE_BACKEND}`);
    out.storageBackend = env.STORAGE_BACKEND;
  }
  if (env.S3_ENDPOINT || env.S3_BUCKET || env.S3_REGION || env.S3_ACCESS_KEY_ID) out.s3 = s3FromEnv(env);
  if (env.STORAGE_UPLOAD_LIMIT)
    out.storageUploadLimit = positiveInteger('STORAGE_UPLOAD_LIMIT', env.STORAGE_UPLOAD_LIMIT);
  if (env.STORAGE_QUOTA_BYTES) out.storageQuotaBytes = positiveInteger('STORAGE_QUOTA_BYTES', env.STORAGE_QUOTA_BYTES);
  return out;
}
