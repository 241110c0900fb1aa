import type { ModuleHandlers } from '../../http/handler-types';
import { bucketHandlers } from './bucket-routes';
import { fileHandlers } from './file-routes';
import { folderHandlers } from './folder-routes';
import { permissionHandlers } from './permission-routes';
import { signedUrlHandlers } from './signed-url-routes';
import { v1Handlers } from './v1-routes';

/** Every operation of the `storage` module. */
export const storageHandlers: ModuleHandlers<'storage'> = {
  ...bucketHandlers,
  ...fileHandlers,
  ...folderHandlers,
  ...signedUrlHandlers,
  ...permissionHandlers,
  ...v1Handlers,
};
