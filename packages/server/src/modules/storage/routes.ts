/** The `storage` module's handlers: the route tables of its areas, merged. */
import type { ModuleHandlers } from '../../http/handler-types';
import { bucketRoutes } from './buckets/routes';
import { downloadRoutes } from './downloads/routes';
import { fileRoutes } from './files/routes';
import { folderRoutes } from './folders/routes';
import { signedUrlRoutes } from './signed-urls/routes';
import { uploadRoutes } from './uploads/routes';

/** Every operation of the `storage` module. */
export const storageHandlers: ModuleHandlers<'storage'> = {
  ...bucketRoutes,
  ...fileRoutes,
  ...folderRoutes,
  ...uploadRoutes,
  ...downloadRoutes,
  ...signedUrlRoutes,
};
