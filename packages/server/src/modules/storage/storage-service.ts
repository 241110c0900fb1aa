/**
 * The storage module as a service other modules call (`services.storage`): the unified
 * operation's upload and download go through the same access checks as the HTTP routes.
 *
 * @example
 * const { file } = await services.storage.upload(caller, 'avatars', 'users/42/a.png', stream, { contentType: 'image/png' });
 * const download = await services.storage.download(caller, 'avatars', 'users/42/a.png');
 */
import type { Readable } from 'node:stream';
import type { Caller } from '../../data/caller';
import * as buckets from './bucket-ops';
import type { StorageContext } from './context';
import { type DownloadConditions, download, downloadSigned } from './download-ops';
import * as files from './file-ops';
import * as folders from './folder-ops';
import * as permissions from './permission-ops';
import * as signedUrls from './signed-url-ops';
import * as uploads from './upload-ops';

type Tail<F> = F extends (ctx: StorageContext, ...rest: infer R) => infer T ? (...rest: R) => T : never;

function bind<F extends (ctx: StorageContext, ...rest: any[]) => any>(ctx: StorageContext, f: F): Tail<F> {
  return ((...rest: unknown[]) => f(ctx, ...rest)) as Tail<F>;
}

/** Every storage operation, bound to one server's stores and backend. */
export class StorageService {
  readonly listBuckets;
  readonly getBucket;
  readonly createBucket;
  readonly updateBucket;
  readonly deleteBucket;
  readonly bucketStats;
  readonly quota;
  readonly listFiles;
  readonly getFile;
  readonly deleteFile;
  readonly moveFile;
  readonly copyFile;
  readonly bulkDelete;
  readonly planUpload;
  readonly stageUpload;
  readonly finishUpload;
  readonly uploadKey;
  readonly listFolders;
  readonly createFolder;
  readonly deleteFolder;
  readonly createSignedUrl;
  readonly listSignedUrls;
  readonly revokeSignedUrl;
  readonly downloadSigned;
  readonly getPermissions;
  readonly updatePermissions;

  constructor(readonly context: StorageContext) {
    const c = context;
    this.listBuckets = bind(c, buckets.listBuckets);
    this.getBucket = bind(c, buckets.getBucket);
    this.createBucket = bind(c, buckets.createBucket);
    this.updateBucket = bind(c, buckets.updateBucket);
    this.deleteBucket = bind(c, buckets.deleteBucket);
    this.bucketStats = bind(c, buckets.bucketStats);
    this.quota = bind(c, buckets.storageQuota);
    this.listFiles = bind(c, files.listFiles);
    this.getFile = bind(c, files.readableFile);
    this.deleteFile = bind(c, files.deleteFile);
    this.moveFile = bind(c, files.moveFile);
    this.copyFile = bind(c, files.copyFile);
    this.bulkDelete = bind(c, files.bulkDelete);
    this.planUpload = bind(c, uploads.planUpload);
    this.stageUpload = bind(c, uploads.stageUpload);
    this.finishUpload = bind(c, uploads.finishUpload);
    this.uploadKey = bind(c, uploads.uploadKey);
    this.listFolders = bind(c, folders.listFolders);
    this.createFolder = bind(c, folders.createFolder);
    this.deleteFolder = bind(c, folders.deleteFolder);
    this.createSignedUrl = bind(c, signedUrls.createSignedUrl);
    this.listSignedUrls = bind(c, signedUrls.listSignedUrls);
    this.revokeSignedUrl = bind(c, signedUrls.revokeSignedUrl);
    this.downloadSigned = bind(c, downloadSigned);
    this.getPermissions = bind(c, permissions.getPermissions);
    this.updatePermissions = bind(c, permissions.updatePermissions);
  }

  /** Stores `body` at `key` for `caller`, with every check of the HTTP upload (access, size, type, quota, conflicts). */
  upload(
    caller: Caller,
    bucket: string,
    key: string,
    body: Readable,
    options?: { contentType?: string; upsert?: boolean; metadata?: Record<string, unknown> },
  ) {
    return uploads.upload(this.context, caller, bucket, key, body, options);
  }

  /** The bytes of `key` for a caller who may read it (401 or 403 otherwise), honouring Range and If-None-Match. */
  download(caller: Caller, bucket: string, key: string, conditions?: DownloadConditions) {
    return download(this.context, caller, bucket, key, conditions);
  }

  /** Releases the backend's connections. */
  close(): Promise<void> {
    return this.context.backend.close();
  }
}
