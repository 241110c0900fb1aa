/**
 * People and credentials most suites need: an admin made through the setup wizard and a
 * plain user made through sign-up, each signed in, and their API keys.
 */
import type { components } from '@lockstep/contract';
import type { Caller } from './api';

/** A permission an API key can have. */
export type Permission = components['schemas']['ApiKeyPermission'];

/** A signed-in account. */
export interface Person {
  id: string;
  email: string;
  password: string;
  token: string;
  refreshToken: string;
}

let counter = 0;

/** A fresh, unique email. */
export function uniqueEmail(label = 'user'): string {
  counter++;
  return `${label}.${process.pid}.${Date.now().toString(36)}.${counter}@example.com`;
}

/** Signs `email` in through `signIn`, failing loudly. */
export async function signIn(c: Caller, email: string, password: string): Promise<Person> {
  const res = await c.call('signIn', { body: { email, password } });
  if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.user.id, email, password, token: res.body.access_token, refreshToken: res.body.refresh_token };
}

/** The first admin, created through `POST /setup/admin` (or signed in if it exists). */
export async function setupAdmin(c: Caller): Promise<Person> {
  const email = 'admin@example.com';
  const password = 'Admin-passphrase-1';
  const res = await c.call('createAdmin', { body: { email, password, confirm_password: password } });
  if (res.status !== 200 && res.status !== 409)
    throw new Error(`setup admin failed: ${res.status} ${JSON.stringify(res.body)}`);
  return signIn(c, email, password);
}

/** A new user with the role `user`, signed up and signed in. */
export async function signUpUser(c: Caller, label = 'user'): Promise<Person> {
  const email = uniqueEmail(label);
  const password = 'User-passphrase-1';
  const res = await c.call('signUp', { body: { email, password } });
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.user.id, email, password, token: res.body.access_token, refreshToken: res.body.refresh_token };
}

/** An admin and two plain users, signed in. */
export async function setupPeople(c: Caller): Promise<{ admin: Person; alice: Person; bob: Person }> {
  const admin = await setupAdmin(c);
  return { admin, alice: await signUpUser(c, 'alice'), bob: await signUpUser(c, 'bob') };
}

/** An API key of `person` with `permissions`, as its secret. */
export async function createApiKey(
  c: Caller,
  person: Person,
  permissions: Permission[],
  name = 'contract',
): Promise<string> {
  const res = await c.call('createApiKey', { body: { name, permissions }, token: person.token });
  if (res.status !== 201) throw new Error(`API key: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.secret;
}
