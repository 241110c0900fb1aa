import { describe, expect, it } from 'vitest';
import { configFromEnv } from '../config';
import { storageConfigFromEnv } from './storage-config';

describe('storage configuration from the environment', () => {
  it('defaults to the local backend with no S3 settings', () => {
    const config = configFromEnv({});
    expect(config.storageBackend).toBeUndefined();
    expect(config.s3).toBeUndefined();
  });

  it('reads the S3 backend and its settings', () => {
    expect(
      storageConfigFromEnv({
        STORAGE_BACKEND: 's3',
        S3_ENDPOINT: 'http://127.0.0.1:9000',
        S3_REGION: 'eu-west-1',
        S3_BUCKET: 'files',
        S3_ACCESS_KEY_ID: 'id',
        S3_SECRET_ACCESS_KEY: 'secret',
        S3_FORCE_PATH_STYLE: 'false',
        STORAGE_UPLOAD_LIMIT: '1048576',
        STORAGE_QUOTA_BYTES: '1073741824',
      }),
    ).toEqual({
      storageBackend: 's3',
      s3: {
        endpoint: 'http://127.0.0.1:9000',
        region: 'eu-west-1',
        bucket: 'files',
        accessKeyId: 'id',
        secretAccessKey: 'secret',
        forcePathStyle: false,
      },
      storageUploadLimit: 1048576,
      storageQuotaBytes: 1073741824,
    });
    expect(storageConfigFromEnv({ S3_BUCKET: 'files' }).s3).toMatchObject({
      region: 'us-east-1',
      forcePathStyle: true,
    });
  });

  it('refuses values it cannot use', () => {
    expect(() => storageConfigFromEnv({ STORAGE_BACKEND: 'ftp' })).toThrow('STORAGE_BACKEND');
    expect(() => storageConfigFromEnv({ STORAGE_UPLOAD_LIMIT: '10MB' })).toThrow('STORAGE_UPLOAD_LIMIT');
    expect(() => storageConfigFromEnv({ STORAGE_QUOTA_BYTES: '0' })).toThrow('STORAGE_QUOTA_BYTES');
  });
});
