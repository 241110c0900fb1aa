import type { ModuleHandlers } from '../../http/handler-types';
import { totalHeader } from '../../http/paging';

type Ops =
  | 'getBuckets'
  | 'createBucket'
  | 'getBucket'
  | 'updateBucket'
  | 'deleteBucket'
  | 'getBucketStats'
  | 'getStorageQuota';

/** Bucket management and usage (admins). */
export const bucketHandlers: Pick<ModuleHandlers<'storage'>, Ops> = {
  getBuckets: async ({ query, caller, services }) => {
    const { buckets, total } = await services.storage.listBuckets(caller, query.limit ?? 50, query.offset ?? 0);
    return { status: 200, body: buckets, headers: totalHeader(total) };
  },
  createBucket: async ({ body, caller, services }) => ({
    status: 201,
    body: await services.storage.createBucket(caller, body),
  }),
  getBucket: async ({ params, caller, services }) => ({
    status: 200,
    body: await services.storage.getBucket(caller, params.bucketName),
  }),
  updateBucket: async ({ params, body, caller, services }) => ({
    status: 200,
    body: await services.storage.updateBucket(caller, params.bucketName, body),
  }),
  deleteBucket: async ({ params, caller, services }) => {
    await services.storage.deleteBucket(caller, params.bucketName);
    return { status: 204 };
  },
  getBucketStats: async ({ params, caller, services }) => ({
    status: 200,
    body: await services.storage.bucketStats(caller, params.bucketName),
  }),
  getStorageQuota: async ({ caller, services }) => ({ status: 200, body: await services.storage.quota(caller) }),
};
