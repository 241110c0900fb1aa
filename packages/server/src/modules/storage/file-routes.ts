import type { ModuleHandlers } from '../../http/handler-types';
import { totalHeader } from '../../http/paging';
import { downloadResponse } from './file-response';
import { conditionsOf } from './http-helpers';
import { toStorageFile } from './serialize';
import { handleUpload } from './upload-route';

type Ops =
  | 'listFiles'
  | 'uploadFile'
  | 'getFile'
  | 'deleteFile'
  | 'downloadFile'
  | 'downloadPublicFile'
  | 'moveFile'
  | 'copyFile'
  | 'bulkDelete';

/** Files: listing, upload, metadata, download, delete, move, copy, bulk delete. */
export const fileHandlers: Pick<ModuleHandlers<'storage'>, Ops> = {
  listFiles: async ({ params, query, caller, services }) => {
    const { rows, total } = await services.storage.listFiles(caller, params.bucketName, query);
    return {
      status: 200,
      body: rows.map((f) => toStorageFile(params.bucketName, f)),
      headers: totalHeader(total),
    };
  },
  uploadFile: async ({ params, request, caller, services }) =>
    handleUpload(request, caller, services, params.bucketName),
  getFile: async ({ params, caller, services }) => {
    const { bucket, file } = await services.storage.getFile(caller, params.bucketName, params.filePath);
    return { status: 200, body: toStorageFile(bucket.name, file) };
  },
  deleteFile: async ({ params, caller, services }) => {
    await services.storage.deleteFile(caller, params.bucketName, params.filePath);
    return { status: 204 };
  },
  downloadFile: async ({ params, headers, caller, services }) =>
    downloadResponse(
      await services.storage.download(caller, params.bucketName, params.filePath, conditionsOf(headers)),
      'attachment',
    ),
  downloadPublicFile: async ({ params, headers, caller, services }) =>
    downloadResponse(
      await services.storage.download(caller, params.bucketName, params.filePath, conditionsOf(headers)),
      'inline',
    ),
  moveFile: async ({ params, body, caller, services }) => ({
    status: 200,
    body: toStorageFile(
      params.bucketName,
      await services.storage.moveFile(caller, params.bucketName, body.from, body.to),
    ),
  }),
  copyFile: async ({ params, body, caller, services }) => ({
    status: 201,
    body: toStorageFile(
      params.bucketName,
      await services.storage.copyFile(caller, params.bucketName, body.from, body.to),
    ),
  }),
  bulkDelete: async ({ params, body, caller, services }) => ({
    status: 200,
    body: await services.storage.bulkDelete(caller, params.bucketName, body.paths),
  }),
};
