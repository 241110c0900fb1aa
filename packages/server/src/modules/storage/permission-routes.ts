import type { ModuleHandlers } from '../../http/handler-types';
import { toPermissions } from './serialize';

type Ops = 'getFilePermissions' | 'updateFilePermissions';

/** A file's own permissions (its owner or an admin). */
export const permissionHandlers: Pick<ModuleHandlers<'storage'>, Ops> = {
  getFilePermissions: async ({ params, caller, services }) => ({
    status: 200,
    body: toPermissions(await services.storage.getPermissions(caller, params.bucketName, params.filePath)),
  }),
  updateFilePermissions: async ({ params, body, caller, services }) => ({
    status: 200,
    body: toPermissions(await services.storage.updatePermissions(caller, params.bucketName, params.filePath, body)),
  }),
};
