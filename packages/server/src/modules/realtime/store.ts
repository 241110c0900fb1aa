/**
 * The realtime module's SQL: which sessions and API keys behind open connections are still
 * live, and bus messages too large for a NOTIFY payload.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { nowIso } from '../../clock';
import type { Database } from '../../db/database';

function db(database: Database): Kysely<any> {
  return database.db as unknown as Kysely<any>;
}

/** The ids among `ids` of sessions neither revoked nor expired. */
export async function liveSessions(database: Database, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db(database)
    .selectFrom('ls_sessions')
    .select('id')
    .where('id', 'in', ids)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', nowIso())
    .execute();
  return new Set(rows.map((r) => r.id as string));
}

/** The ids among `ids` of API keys not deleted and not expired. */
export async function liveApiKeys(database: Database, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db(database)
    .selectFrom('ls_api_keys')
    .select('id')
    .where('id', 'in', ids)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', nowIso())]))
    .execute();
  return new Set(rows.map((r) => r.id as string));
}

/** Keeps a large bus message; answers its id. */
export async function putMessage(database: Database, body: string): Promise<string> {
  const id = randomUUID();
  await db(database).insertInto('ls_realtime_messages').values({ id, body, created_at: nowIso() }).execute();
  return id;
}

/** A kept bus message's body. */
export async function getMessage(database: Database, id: string): Promise<string | undefined> {
  const row = await db(database)
    .selectFrom('ls_realtime_messages')
    .select('body')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.body as string | undefined;
}

/** Deletes kept bus messages made before `before` (RFC 3339). */
export async function pruneMessages(database: Database, before: string): Promise<void> {
  await db(database).deleteFrom('ls_realtime_messages').where('created_at', '<', before).execute();
}
