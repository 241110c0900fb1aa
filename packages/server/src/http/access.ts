import type { Access } from '@lockstep/contract';
import { type Caller, isPrivileged } from '../data/caller';
import { errors } from './http-error';

const READ_METHODS = new Set(['get', 'head', 'options']);

/** Which API key permission a request needs: `read` to only read, `write` to change anything. */
export type KeyPermission = 'read' | 'write';

/** Who decides the API key permission of an operation: its HTTP method, or its handler. */
export type KeyPermissionRule = 'method' | 'handler';

/** The permission a request with `method` needs. */
export function keyPermissionFor(method: string): KeyPermission {
  return READ_METHODS.has(method) ? 'read' : 'write';
}

/** Throws 403 unless the caller's API key, if it came with one, carries `needed` (none implies another). */
export function requireKeyPermission(caller: Caller, needed: KeyPermission): void {
  if (caller.kind !== 'user' || !caller.apiKey || caller.apiKey.permissions.includes(needed)) return;
  throw errors.forbidden(`This API key lacks the ${needed} permission.`);
}

/**
 * Throws 401 or 403 unless `caller` may call an operation with `access` and `method`. Where
 * the spec leaves the API key permission to the handler (`x-lockstep-key-permission:
 * handler`), the handler checks it with `requireKeyPermission`.
 */
export function authorize(access: Access, caller: Caller, method: string, keyRule: KeyPermissionRule = 'method'): void {
  if (access === 'public' || access === 'optional') return;
  if (caller.kind === 'anon') throw errors.unauthenticated();
  if (keyRule === 'method') requireKeyPermission(caller, keyPermissionFor(method));
  if (access === 'admin' && !isPrivileged(caller)) throw errors.forbidden('This operation needs the admin role.');
  if (access === 'service' && caller.role !== 'service') throw errors.forbidden('This operation needs a service key.');
}
