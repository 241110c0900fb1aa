/**
 * Changes every instance must hear of at once. Each topic has what an instance forgets when
 * it changes (the live sessions it remembers, the row-level security policies it keeps): a
 * change here forgets it at once, and on PostgreSQL a notification on the topic's channel
 * (`ls_<topic>_<schema>`) makes every other instance on the schema forget it too. One LISTEN
 * connection carries every topic; when it reconnects (notifications sent meanwhile are lost),
 * every topic is forgotten.
 */
import { sql } from 'kysely';
import type { Logger } from '../log';
import type { Database } from './database';
import { PgListener } from './pg-listener';

/** Where the other instances listen: PostgreSQL's URL and the server's schema. */
export interface SharedDatabase {
  url: string;
  schema: string;
}

/** What the stores call after a change, and how to stop listening. */
export interface InstanceChanges<Topic extends string> {
  /**
   * Forgets `topic` here, then tells the other instances to. Never rejects: the change is made
   * by then, and an instance that missed the word forgets when what it keeps expires (a
   * warning says so).
   */
  changed(topic: Topic): Promise<void>;
  close(): Promise<void>;
}

/** Changes of `forget`'s topics, spread to every instance on `shared` (this one alone without it). */
export async function instanceChanges<Topic extends string>(
  database: Database,
  forget: Record<Topic, () => void>,
  log: Logger,
  shared?: SharedDatabase,
): Promise<InstanceChanges<Topic>> {
  if (!shared) return { changed: async (topic) => forget[topic](), close: async () => {} };
  const topics = Object.keys(forget) as Topic[];
  const channelOf = (topic: Topic) => `ls_${topic}_${shared.schema}`;
  const handlers = Object.fromEntries(topics.map((topic) => [channelOf(topic), () => forget[topic]()]));
  const forgetAll = () => {
    for (const topic of topics) forget[topic]();
  };
  const listener = new PgListener(shared.url, handlers, { name: 'instance-changes', log, reconnected: forgetAll });
  await listener.start();
  return {
    async changed(topic) {
      forget[topic]();
      await sql`select pg_notify(${channelOf(topic)}, '')`.execute(database.db).catch((error: unknown) => {
        log.warn(
          { err: error, topic },
          'instance-changes: the other instances were not told; they see it when what they keep expires',
        );
      });
    },
    close: () => listener.close(),
  };
}
