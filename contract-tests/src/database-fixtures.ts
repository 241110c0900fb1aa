/** Shared set-up of the database suites: people, API keys and tables made through the API. */
import type { Api } from './harness/api';
import type { Person } from './harness/fixtures';

/** An API key of `person` with `permissions`, as its secret. */
export async function apiKeyOf(client: Api, person: Person, permissions: string[]): Promise<string> {
  const res = await client.post('/auth/api-keys', { name: `k${Date.now()}`, permissions }, { token: person.token });
  if (res.status !== 201) throw new Error(`api key: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.secret;
}

/** Creates a table through `createTable`, failing loudly. */
export async function createTable(client: Api, admin: Person, name: string, columns: unknown[]): Promise<void> {
  const res = await client.post('/api/tables', { name, columns }, { token: admin.token });
  if (res.status !== 201) throw new Error(`create ${name}: ${res.status} ${JSON.stringify(res.body)}`);
}

/** The statuses of `calls`, in order. */
export async function statuses(calls: Promise<{ status: number }>[]): Promise<number[]> {
  return (await Promise.all(calls)).map((r) => r.status);
}
