import type { Access } from '@lockstep/contract';

/** Whether an operation with this access refuses a request without a credential. */
export function needsCredential(access: Access): boolean {
  return access !== 'public' && access !== 'optional';
}

/** Whether a request carries a credential the spec accepts: `Authorization` or `apikey`. */
export function hasCredential(request: Request): boolean {
  return Boolean(request.headers.get('authorization')?.trim() || request.headers.get('apikey')?.trim());
}
