/**
 * Spreads "sessions or users changed" to every instance, so no instance answers from a
 * session it remembers after that session ended: the local cache forgets at once, and on
 * PostgreSQL a notification on the schema's auth channel makes the other instances forget.
 */
import { sql } from 'kysely';
import type { Database } from '../../db/database';
import { PgListener } from '../../db/pg-listener';
import type { Logger } from '../../log';
import type { SessionCache } from './session-cache';

/** What the stores call after a change, and how to stop listening. */
export interface SessionChanges {
  changed(): Promise<void>;
  close(): Promise<void>;
}

/** Where the other instances listen: PostgreSQL's URL and the server's schema. */
export interface SharedDatabase {
  url: string;
  schema: string;
}

export async function sessionChanges(
  database: Database,
  cache: SessionCache,
  log: Logger,
  shared?: SharedDatabase,
): Promise<SessionChanges> {
  if (!shared) return { changed: async () => cache.forgetAll(), close: async () => {} };
  const channel = `ls_auth_${shared.schema}`;
  const forget = () => cache.forgetAll();
  const listener = new PgListener(shared.url, { [channel]: forget }, { name: 'auth', log, reconnected: forget });
  await listener.start();
  return {
    async changed() {
      cache.forgetAll();
      await sql`select pg_notify(${channel}, '')`.execute(database.db);
    },
    close: () => listener.close(),
  };
}
