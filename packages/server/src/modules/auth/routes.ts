/** The `auth` handlers: this file only merges the route tables of the module's areas. */
import type { ModuleHandlers } from '../../http/handler-types';
import { passwordHandlers } from './passwords/routes';
import { rlsHandlers } from './rls/routes';
import { sessionHandlers } from './sessions/routes';
import { userHandlers } from './users/routes';

/** Every operation of the `auth` module. */
export const authHandlers: ModuleHandlers<'auth'> = {
  ...sessionHandlers,
  ...userHandlers,
  ...passwordHandlers,
  ...rlsHandlers,
};
