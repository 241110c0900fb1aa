/**
 * People and credentials most suites need: an admin made through the setup wizard and a
 * plain user made through sign-up, each signed in.
 */
import type { Api } from './api';

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

async function signIn(client: Api, email: string, password: string): Promise<Person> {
  const res = await client.post('/auth/login', { email, password });
  if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.user.id, email, password, token: res.body.access_token, refreshToken: res.body.refresh_token };
}

/** The first admin, created through `POST /setup/admin` (or signed in if it exists). */
export async function setupAdmin(client: Api): Promise<Person> {
  const email = 'admin@example.com';
  const password = 'Admin-passphrase-1';
  const res = await client.post('/setup/admin', { email, password, confirm_password: password });
  if (res.status !== 200 && res.status !== 409)
    throw new Error(`setup admin failed: ${res.status} ${JSON.stringify(res.body)}`);
  return signIn(client, email, password);
}

/** A new user with the role `user`, signed up and signed in. */
export async function signUpUser(client: Api, label = 'user'): Promise<Person> {
  const email = uniqueEmail(label);
  const password = 'User-passphrase-1';
  const res = await client.post('/auth/signup', { email, password });
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.user.id, email, password, token: res.body.access_token, refreshToken: res.body.refresh_token };
}

export { signIn };
