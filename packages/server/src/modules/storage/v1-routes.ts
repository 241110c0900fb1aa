import type { ModuleHandlers } from '../../http/handler-types';
import { totalHeader } from '../../http/paging';
import { downloadResponse } from './file-response';
import { conditionsOf } from './http-helpers';
import { toStorageFile } from './serialize';
import { handleUpload } from './upload-route';

type Ops = 'listBucketsV1' | 'createBucketV1' | 'listFilesV1' | 'uploadFileV1' | 'downloadFileV1' | 'deleteFileV1';

/** The storage page's `/storage/v1/...` paths: the same operations as `/storage/...` (reference §7 #8). */
export const v1Handlers: Pick<ModuleHandlers<'storage'>, Ops> = {
  listBucketsV1: async ({ query, caller, services }) => {
    const { buckets, total } = await services.storage.listBuckets(caller, query.limit ?? 50, query.offset ?? 0);
    return { status: 200, body: buckets, headers: totalHeader(total) };
  },
  createBucketV1: async ({ body, caller, services }) => ({
    status: 201,
    body: await services.storage.createBucket(caller, body),
  }),
  listFilesV1: async ({ params, query, caller, services }) => {
    const { rows, total } = await services.storage.listFiles(caller, params.bucketName, query);
    return {
      status: 200,
      body: rows.map((f) => toStorageFile(params.bucketName, f)),
      headers: totalHeader(total),
    };
  },
  uploadFileV1: async ({ params, request, caller, services }) =>
    handleUpload(request, caller, services, params.bucketName),
  downloadFileV1: async ({ params, headers, caller, services }) =>
    downloadResponse(
      await services.storage.download(caller, params.bucketName, params.fileName, conditionsOf(headers)),
      'attachment',
    ),
  deleteFileV1: async ({ params, caller, services }) => {
    await services.storage.deleteFile(caller, params.bucketName, params.fileName);
    return { status: 204 };
  },
};
