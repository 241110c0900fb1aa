/** Shared set-up of the database suites: tables made through the API, and statuses of many calls. */
import type { CallInit } from '@lockstep/sdk';
import type { Caller } from './harness/api';
import type { Person } from './harness/fixtures';
import type { DeepPartial } from './harness/typed-call';

/** A column of `createTable`, as the spec types it. */
export type ColumnSpec = DeepPartial<CallInit<'createTable'>['body']['columns'][number]>;

/** Creates a table through `createTable`, failing loudly. */
export async function createTable(c: Caller, admin: Person, name: string, columns: ColumnSpec[]): Promise<void> {
  const res = await c.call('createTable', { body: { name, columns }, token: admin.token });
  if (res.status !== 201) throw new Error(`create ${name}: ${res.status} ${JSON.stringify(res.body)}`);
}

/** The statuses of `calls`, in order. */
export async function readStatuses(calls: Promise<{ status: number }>[]): Promise<number[]> {
  return (await Promise.all(calls)).map((r) => r.status);
}
