import type { Access } from '@lockstep/contract';
import { type Caller, isPrivileged } from '../modules/auth/caller';
import { HttpError } from './http-error';

const READ_METHODS = new Set(['get', 'head', 'options']);

function checkKeyPermissions(permissions: string[], method: string): void {
  const allowed = READ_METHODS.has(method)
    ? permissions.some((p) => ['read', 'write', 'admin', 'service'].includes(p))
    : permissions.some((p) => ['write', 'admin', 'service'].includes(p));
  if (!allowed)
    throw new HttpError(403, 'FORBIDDEN', `This API key lacks the permission for ${method.toUpperCase()} requests.`);
}

/** Throws 401 or 403 unless `caller` may call an operation with `access` and `method`. */
export function authorize(access: Access, caller: Caller, method: string): void {
  if (access === 'public' || access === 'optional') return;
  if (caller.kind === 'anon') throw new HttpError(401, 'UNAUTHENTICATED', 'Sign in first.');
  if (caller.apiKey) checkKeyPermissions(caller.apiKey.permissions, method);
  if (access === 'admin' && !isPrivileged(caller))
    throw new HttpError(403, 'FORBIDDEN', 'This operation needs the admin role.');
  if (access === 'service' && caller.role !== 'service')
    throw new HttpError(403, 'FORBIDDEN', 'This operation needs a service key.');
}
