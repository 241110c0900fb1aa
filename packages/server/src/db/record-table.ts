/** A table of records kept by `id` and listed newest first by `created_at`: the backup and snapshot registries. */
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Tables } from './tables';

/** The tables whose rows are records of this kind. */
export type RecordTableName = 'ls_backups' | 'ls_snapshots';

type Row<T extends RecordTableName> = Selectable<Tables[T]>;
/** What every record table has, as the one table the queries below are written against. */
type AnyRecords = Kysely<{ records: { id: string; created_at: string } }>;

/** Inserts, changes, reads, lists (newest first, then by id), counts and deletes the records of `table`. */
export class RecordTable<T extends RecordTableName> {
  private readonly db: AnyRecords;
  private readonly table: 'records';

  constructor(db: Kysely<Tables>, table: T) {
    // Kysely cannot resolve the columns of a table whose name is a type parameter; every
    // record table has `id` and `created_at`, so the queries are typed against those two.
    this.db = db as unknown as AnyRecords;
    this.table = table as unknown as 'records';
  }

  async insert(row: Insertable<Tables[T]>): Promise<void> {
    await this.db
      .insertInto(this.table)
      .values(row as never)
      .execute();
  }

  async update(id: string, changes: Updateable<Tables[T]>): Promise<void> {
    await this.db
      .updateTable(this.table)
      .set(changes as never)
      .where('id', '=', id)
      .execute();
  }

  async get(id: string): Promise<Row<T> | undefined> {
    return (await this.db.selectFrom(this.table).selectAll().where('id', '=', id).executeTakeFirst()) as
      | Row<T>
      | undefined;
  }

  /** Records, newest first (then by id). @default limit 1,000,000, offset 0 */
  async list(limit = 1_000_000, offset = 0): Promise<Row<T>[]> {
    return (await this.db
      .selectFrom(this.table)
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(limit)
      .offset(offset)
      .execute()) as Row<T>[];
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom(this.table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom(this.table).where('id', '=', id).execute();
  }
}
