/** The file handlers: HTTP in, one file service call, HTTP out; `/storage/v1/object` lists and deletes the same. */
import type { Caller } from '../../../data/caller';
import type { ModuleHandlers } from '../../../http/handler-types';
import { totalHeader } from '../../../http/paging';
import { toPermissions, toStorageFile } from '../file-body';
import type { StorageService } from '../service';
import {
  bulkDelete,
  copyFile,
  deleteFile,
  getFile,
  getPermissions,
  type ListFilesQuery,
  listFiles,
  moveFile,
  updatePermissions,
} from './service';

async function filePage(storage: StorageService, caller: Caller, bucketName: string, query: ListFilesQuery) {
  const { rows, total } = await listFiles(storage.context, caller, bucketName, query);
  return { status: 200 as const, body: rows.map((f) => toStorageFile(bucketName, f)), headers: totalHeader(total) };
}

async function deleted(storage: StorageService, caller: Caller, bucketName: string, key: string) {
  await deleteFile(storage.context, caller, bucketName, key);
  return { status: 204 as const };
}

/** Files: listing, metadata, delete, move, copy, bulk delete, and a file's own permissions (its owner or an admin). */
export const fileRoutes = {
  listFiles: async ({ params, query, caller, services }) =>
    filePage(services.storage, caller, params.bucketName, query),
  listFilesV1: async ({ params, query, caller, services }) =>
    filePage(services.storage, caller, params.bucketName, query),
  getFile: async ({ params, caller, services }) => {
    const { bucket, file } = await getFile(services.storage.context, caller, params.bucketName, params.filePath);
    return { status: 200, body: toStorageFile(bucket.name, file) };
  },
  deleteFile: async ({ params, caller, services }) =>
    deleted(services.storage, caller, params.bucketName, params.filePath),
  deleteFileV1: async ({ params, caller, services }) =>
    deleted(services.storage, caller, params.bucketName, params.fileName),
  moveFile: async ({ params, body, caller, services }) => ({
    status: 200,
    body: toStorageFile(
      params.bucketName,
      await moveFile(services.storage.context, caller, params.bucketName, body.from, body.to),
    ),
  }),
  copyFile: async ({ params, body, caller, services }) => ({
    status: 201,
    body: toStorageFile(
      params.bucketName,
      await copyFile(services.storage.context, caller, params.bucketName, body.from, body.to),
    ),
  }),
  bulkDelete: async ({ params, body, caller, services }) => ({
    status: 200,
    body: await bulkDelete(services.storage.context, caller, params.bucketName, body.paths),
  }),
  getFilePermissions: async ({ params, caller, services }) => ({
    status: 200,
    body: toPermissions(await getPermissions(services.storage.context, caller, params.bucketName, params.filePath)),
  }),
  updateFilePermissions: async ({ params, body, caller, services }) => ({
    status: 200,
    body: toPermissions(
      await updatePermissions(services.storage.context, caller, params.bucketName, params.filePath, body),
    ),
  }),
} satisfies Partial<ModuleHandlers<'storage'>>;
