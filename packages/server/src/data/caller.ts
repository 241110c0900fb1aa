/** Roles a signed-in caller may have. Admin and service satisfy any user requirement. */
export type Role = 'user' | 'admin' | 'service';

/** Who is calling: anonymous, or a user through a session token or an API key. */
export type Caller =
  | { kind: 'anon'; role: 'anon' }
  | {
      kind: 'user';
      userId: string;
      email: string;
      role: Role;
      /** The session of an access token; absent for API keys. */
      sessionId?: string;
      /** The API key used, with its permissions; absent for access tokens. */
      apiKey?: { id: string; permissions: string[] };
    };

/** A caller signed in by an access token or an API key. */
export type SignedInCaller = Extract<Caller, { kind: 'user' }>;

/** The anonymous caller. */
export const anonymous: Caller = { kind: 'anon', role: 'anon' };

/** Whether the caller is an admin or a service credential. */
export function isPrivileged(caller: Caller): boolean {
  return caller.role === 'admin' || caller.role === 'service';
}
