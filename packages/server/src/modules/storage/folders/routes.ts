/** The folder handlers: HTTP in, one folder service call, HTTP out. */
import type { ModuleHandlers } from '../../../http/handler-types';
import { totalHeader } from '../../../http/paging';
import { createFolder, deleteFolder, listFolders } from './service';

/** Folders: list, create, delete with their contents. */
export const folderRoutes = {
  listFolders: async ({ params, query, caller, services }) => {
    const { folders, total } = await listFolders(services.storage.context, caller, params.bucketName, query);
    return { status: 200, body: folders, headers: totalHeader(total) };
  },
  createFolder: async ({ params, body, caller, services }) => ({
    status: 201,
    body: await createFolder(services.storage.context, caller, params.bucketName, body.path),
  }),
  deleteFolder: async ({ params, caller, services }) => {
    await deleteFolder(services.storage.context, caller, params.bucketName, params.folderPath);
    return { status: 204 };
  },
} satisfies Partial<ModuleHandlers<'storage'>>;
