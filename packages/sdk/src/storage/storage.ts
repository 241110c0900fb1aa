/** `client.storage`: buckets by operation, and `from(bucket)` for a bucket's files. */
import type { CallOperation } from '../call';
import { type FacadeTable, type OperationFacade, operationFacade } from '../facades/operation-facade';
import { type BucketClient, bucketClient } from './bucket';
import type { UploadRegistry } from './upload-progress';

/** The bucket methods, by operation. */
export const storageOperations = {
  listBuckets: 'getBuckets',
  getBucket: 'getBucket',
  createBucket: 'createBucket',
  updateBucket: 'updateBucket',
  deleteBucket: 'deleteBucket',
  getQuota: 'getStorageQuota',
} as const satisfies FacadeTable;

/** `client.storage`: buckets, and each bucket's files through `from(bucket)`. */
export type StorageFacade = OperationFacade<typeof storageOperations> & {
  /**
   * One bucket's files.
   * @example
   * await client.storage.from('avatars').upload('users/42/me.png', file);
   */
  from(bucket: string): BucketClient;
};

/** Builds `client.storage`. */
export function storageFacade(call: CallOperation, uploads: UploadRegistry, baseUrl: string): StorageFacade {
  return {
    ...operationFacade(storageOperations, call),
    from: (bucket) => bucketClient(call, uploads, baseUrl, bucket),
  };
}
