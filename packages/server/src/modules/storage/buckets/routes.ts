/** The bucket handlers (admins): HTTP in, one bucket service call, HTTP out; `/storage/v1/bucket` answers the same. */
import type { Caller } from '../../../data/caller';
import type { ModuleHandlers } from '../../../http/handler-types';
import { totalHeader } from '../../../http/paging';
import type { StorageService } from '../service';
import { bucketStats, createBucket, deleteBucket, getBucket, listBuckets, storageQuota, updateBucket } from './service';

async function bucketPage(storage: StorageService, caller: Caller, page: { limit?: number; offset?: number }) {
  const { buckets, total } = await listBuckets(storage.context, caller, page.limit ?? 50, page.offset ?? 0);
  return { status: 200 as const, body: buckets, headers: totalHeader(total) };
}

/** Bucket management and usage. */
export const bucketRoutes = {
  getBuckets: async ({ query, caller, services }) => bucketPage(services.storage, caller, query),
  listBucketsV1: async ({ query, caller, services }) => bucketPage(services.storage, caller, query),
  createBucket: async ({ body, caller, services }) => ({
    status: 201,
    body: await createBucket(services.storage.context, caller, body),
  }),
  createBucketV1: async ({ body, caller, services }) => ({
    status: 201,
    body: await createBucket(services.storage.context, caller, body),
  }),
  getBucket: async ({ params, caller, services }) => ({
    status: 200,
    body: await getBucket(services.storage.context, caller, params.bucketName),
  }),
  updateBucket: async ({ params, body, caller, services }) => ({
    status: 200,
    body: await updateBucket(services.storage.context, caller, params.bucketName, body),
  }),
  deleteBucket: async ({ params, caller, services }) => {
    await deleteBucket(services.storage.context, caller, params.bucketName);
    return { status: 204 };
  },
  getBucketStats: async ({ params, caller, services }) => ({
    status: 200,
    body: await bucketStats(services.storage.context, caller, params.bucketName),
  }),
  getStorageQuota: async ({ caller, services }) => ({
    status: 200,
    body: await storageQuota(services.storage.context, caller),
  }),
} satisfies Partial<ModuleHandlers<'storage'>>;
