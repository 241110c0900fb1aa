/**
 * Who may do what with files, exactly as the spec's `storage` tag says: the bucket's policy
 * sets who reads and uploads; a file's own `public` flag and `allowed_roles` widen reading;
 * its owner may always read, overwrite, move, delete it and change its permissions; admins
 * and service credentials may do anything.
 */

import { type Caller, isPrivileged } from '../../data/caller';
import { errors, type HttpError } from '../../http/http-error';
import type { Visibility } from './files/store';

/** Who may read a bucket's files. */
export type Policy = 'public' | 'authenticated' | 'private';

/** A file's own permissions. */
export interface FilePermissions {
  public: boolean;
  allowedRoles: string[];
  ownerId: string | null;
}

/** Whether the caller is signed in (a token or an API key). */
export function isSignedIn(caller: Caller): caller is Extract<Caller, { kind: 'user' }> {
  return caller.kind === 'user';
}

/** Whether the bucket's policy alone lets the caller read every file in it. */
export function canReadAll(caller: Caller, policy: Policy): boolean {
  if (isPrivileged(caller) || policy === 'public') return true;
  return policy === 'authenticated' && isSignedIn(caller);
}

/** Whether the caller owns the file. */
export function isOwner(caller: Caller, file: FilePermissions): boolean {
  return isSignedIn(caller) && file.ownerId !== null && file.ownerId === caller.userId;
}

/** Whether the caller may read the file (download, metadata, signing a URL). */
export function canRead(caller: Caller, policy: Policy, file: FilePermissions): boolean {
  if (canReadAll(caller, policy) || file.public || isOwner(caller, file)) return true;
  return isSignedIn(caller) && file.allowedRoles.includes(caller.role);
}

/** Whether the caller may upload new files to a bucket with this policy. */
export function canUpload(caller: Caller, policy: Policy): boolean {
  if (isPrivileged(caller)) return true;
  return isSignedIn(caller) && policy !== 'private';
}

/** Whether the caller may overwrite, move or delete the file, or manage its permissions and URLs. */
export function canManage(caller: Caller, file: FilePermissions): boolean {
  return isPrivileged(caller) || isOwner(caller, file);
}

/** The owner recorded for what the caller uploads: the user, or null for a service credential. */
export function ownerIdOf(caller: Caller): string | null {
  if (!isSignedIn(caller) || caller.role === 'service') return null;
  return caller.userId;
}

/** The refusal for a caller: 401 when anonymous (signing in may help), 403 otherwise. */
export function denied(caller: Caller, message: string): HttpError {
  return isSignedIn(caller) ? errors.forbidden(message) : errors.unauthenticated(`${message} Sign in first.`);
}

/** Which of a bucket's files the caller sees in listings: all, or those it may read despite the policy. */
export function visibilityFor(caller: Caller, policy: Policy): Visibility {
  if (canReadAll(caller, policy)) return { all: true };
  return isSignedIn(caller) ? { all: false, userId: caller.userId, role: caller.role } : { all: false };
}
