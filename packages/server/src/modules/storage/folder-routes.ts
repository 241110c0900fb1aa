import type { ModuleHandlers } from '../../http/handler-types';
import { totalHeader } from '../../http/paging';

type Ops = 'listFolders' | 'createFolder' | 'deleteFolder';

/** Folders: list, create, delete with their contents. */
export const folderHandlers: Pick<ModuleHandlers<'storage'>, Ops> = {
  listFolders: async ({ params, query, caller, services }) => {
    const { folders, total } = await services.storage.listFolders(caller, params.bucketName, query);
    return { status: 200, body: folders, headers: totalHeader(total) };
  },
  createFolder: async ({ params, body, caller, services }) => ({
    status: 201,
    body: await services.storage.createFolder(caller, params.bucketName, body.path),
  }),
  deleteFolder: async ({ params, caller, services }) => {
    await services.storage.deleteFolder(caller, params.bucketName, params.folderPath);
    return { status: 204 };
  },
};
