/**
 * What every storage operation works with: the stores, the byte backend, the limits and the
 * signing secret. Built once per server by `createStorageContext`.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { ServerConfig } from '../../config';
import type { ServerEvents } from '../../data/server-events';
import type { Database } from '../../db/database';
import type { Logger } from '../../log';
import type { SettingsStore } from '../../settings/settings-store';
import type { StorageBackend } from '../../storage/backend';
import { LocalBackend } from '../../storage/local-backend';
import { DEFAULT_UPLOAD_LIMIT } from '../../storage/storage-config';
import { BucketsStore } from './buckets/store';
import { FilesStore } from './files/store';
import { FoldersStore } from './folders/store';
import { KeyLocks } from './key-locks';
import { SignedUrlsStore } from './signed-urls/store';

/** The shared state of the storage module. */
export interface StorageContext {
  buckets: BucketsStore;
  files: FilesStore;
  folders: FoldersStore;
  signedUrls: SignedUrlsStore;
  backend: StorageBackend;
  /** Serialises writes to one key within this instance. */
  locks: KeyLocks;
  /** The upload limit of buckets without their own, and the server-wide quota. */
  limits: { upload: number; quota: number | null };
  /** The HMAC key of signed URLs. */
  signingSecret: Uint8Array;
  log: Logger;
  /** Where bucket and object events go (the webhooks listen). */
  events: ServerEvents;
}

async function createBackend(config: ServerConfig, localRoot?: string): Promise<StorageBackend> {
  if (config.storageBackend !== 's3') return new LocalBackend(localRoot ?? join(config.dataDir, 'storage'));
  if (!config.s3) throw new Error('The s3 storage backend needs S3 settings (S3_ENDPOINT, S3_BUCKET, ...).');
  const { S3Backend } = await import('../../storage/s3-backend');
  return new S3Backend(config.s3);
}

/** Builds the storage module's state: its backend (initialised), stores and signing secret. */
export async function createStorageContext(
  config: ServerConfig,
  database: Database,
  settings: SettingsStore,
  log: Logger,
  events: ServerEvents,
  /** The local backend's root when setup chose one (`data_dir`). @default `<dataDir>/storage` */
  localRoot?: string,
): Promise<StorageContext> {
  const backend = await createBackend(config, localRoot);
  await backend.init();
  const secret = await settings.getOrCreate('storage_signing_secret', () => randomBytes(32).toString('base64url'));
  const { db, engine } = database;
  return {
    buckets: new BucketsStore(db, engine),
    files: new FilesStore(db, engine),
    folders: new FoldersStore(db),
    signedUrls: new SignedUrlsStore(db),
    backend,
    locks: new KeyLocks(),
    limits: {
      // S3 commits with one server-side copy, which is limited to 5 GiB.
      upload:
        backend.kind === 's3'
          ? Math.min(config.storageUploadLimit ?? DEFAULT_UPLOAD_LIMIT, DEFAULT_UPLOAD_LIMIT)
          : (config.storageUploadLimit ?? DEFAULT_UPLOAD_LIMIT),
      quota: config.storageQuotaBytes ?? null,
    },
    signingSecret: Buffer.from(secret, 'base64url'),
    log,
    events,
  };
}
