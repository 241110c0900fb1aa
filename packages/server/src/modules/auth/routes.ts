import type { ModuleHandlers } from '../../http/handler-types';
import { passwordHandlers } from './password-routes';
import { rlsHandlers } from './rls-routes';
import { sessionHandlers } from './session-routes';
import { tokenHandlers } from './token-routes';
import { userHandlers } from './user-routes';

/** Every operation of the `auth` module. */
export const authHandlers: ModuleHandlers<'auth'> = {
  ...tokenHandlers,
  ...userHandlers,
  ...sessionHandlers,
  ...passwordHandlers,
  ...rlsHandlers,
};
