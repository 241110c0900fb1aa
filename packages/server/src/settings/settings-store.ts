import type { Kysely } from 'kysely';
import type { Tables } from '../db/tables';

/** Server-wide settings kept in the database as JSON, so every instance shares them. */
export class SettingsStore {
  constructor(private readonly db: Kysely<Tables>) {}

  /** The value stored under `key`, or `fallback`. */
  async get<T>(key: string, fallback: T): Promise<T> {
    const row = await this.db.selectFrom('ls_settings').select('value').where('key', '=', key).executeTakeFirst();
    return row ? (JSON.parse(row.value) as T) : fallback;
  }

  /** Stores `value` under `key`, replacing what was there. */
  async set<T>(key: string, value: T): Promise<void> {
    const text = JSON.stringify(value);
    await this.db
      .insertInto('ls_settings')
      .values({ key, value: text })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: text }))
      .execute();
  }

  /** The value under `key`; if none, stores `create()` first. Safe when two instances race. */
  async getOrCreate<T>(key: string, create: () => T): Promise<T> {
    await this.db
      .insertInto('ls_settings')
      .values({ key, value: JSON.stringify(create()) })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    return this.get<T>(key, undefined as T);
  }
}
