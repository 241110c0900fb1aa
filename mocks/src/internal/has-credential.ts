import type { Access } from '@lockstep/contract';

/** Reads one request header by its lower-case name (a fetch `Headers` or a Node request alike). */
export type HeaderReader = (name: string) => string | null | undefined;

/** Whether an operation with this access refuses a request without a credential. */
export function needsCredential(access: Access): boolean {
  return access !== 'public' && access !== 'optional';
}

/** Whether a request carries a credential the spec accepts: `Authorization` or `apikey`. */
export function hasCredential(request: Request): boolean {
  return carriesCredential((name) => request.headers.get(name));
}

/** `hasCredential` over any header reader. */
export function carriesCredential(header: HeaderReader): boolean {
  return Boolean(header('authorization')?.trim() || header('apikey')?.trim());
}
