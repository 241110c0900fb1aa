/** Snapshot records in `ls_snapshots`. */
import type { Kysely, Selectable } from 'kysely';
import type { SnapshotTable, Tables } from '../../db/tables';

/** A snapshot row. */
export type SnapshotRow = Selectable<SnapshotTable>;

/** Queries on `ls_snapshots`. */
export class SnapshotStore {
  constructor(private readonly db: Kysely<Tables>) {}

  async insert(row: SnapshotRow): Promise<void> {
    await this.db.insertInto('ls_snapshots').values(row).execute();
  }

  async update(id: string, changes: Partial<SnapshotRow>): Promise<void> {
    await this.db.updateTable('ls_snapshots').set(changes).where('id', '=', id).execute();
  }

  get(id: string): Promise<SnapshotRow | undefined> {
    return this.db.selectFrom('ls_snapshots').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async nameTaken(name: string): Promise<boolean> {
    return (
      (await this.db.selectFrom('ls_snapshots').select('id').where('name', '=', name).executeTakeFirst()) !== undefined
    );
  }

  /** Snapshots, newest first. */
  list(limit: number, offset: number): Promise<SnapshotRow[]> {
    return this.db
      .selectFrom('ls_snapshots')
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(limit)
      .offset(offset)
      .execute();
  }

  /** Every snapshot (point-in-time recovery picks its bases among them). */
  all(): Promise<SnapshotRow[]> {
    return this.db.selectFrom('ls_snapshots').selectAll().orderBy('timestamp').execute();
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('ls_snapshots')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('ls_snapshots').where('id', '=', id).execute();
  }
}
