/** Snapshot records in `ls_snapshots`: the record reads every registry shares, plus names and the PITR bases. */
import type { Kysely, Selectable } from 'kysely';
import { RecordTable } from '../../db/record-table';
import type { SnapshotTable, Tables } from '../../db/tables';

/** A snapshot row. */
export type SnapshotRow = Selectable<SnapshotTable>;

/** Queries on `ls_snapshots`. */
export class SnapshotStore extends RecordTable<'ls_snapshots'> {
  constructor(private readonly tables: Kysely<Tables>) {
    super(tables, 'ls_snapshots');
  }

  async nameTaken(name: string): Promise<boolean> {
    return (
      (await this.tables.selectFrom('ls_snapshots').select('id').where('name', '=', name).executeTakeFirst()) !==
      undefined
    );
  }

  /** Every snapshot (point-in-time recovery picks its bases among them). */
  all(): Promise<SnapshotRow[]> {
    return this.tables.selectFrom('ls_snapshots').selectAll().orderBy('timestamp').execute();
  }
}
