/** The cluster's rows: members in `ls_cluster_nodes`, the marker and promotion in `ls_cluster_state`. */
import type { Kysely, Selectable } from 'kysely';
import type { ClusterNodeTable, Tables } from '../../db/tables';

/** A member row. */
export type NodeRow = Selectable<ClusterNodeTable>;

/** Queries on the cluster tables. */
export class ClusterStore {
  constructor(private readonly db: Kysely<Tables>) {}

  /** Inserts or refreshes a member. */
  async upsert(row: NodeRow): Promise<void> {
    await this.db
      .insertInto('ls_cluster_nodes')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet({ heartbeat_at: row.heartbeat_at, load: row.load }))
      .execute();
  }

  nodes(): Promise<NodeRow[]> {
    return this.db.selectFrom('ls_cluster_nodes').selectAll().orderBy('started_at').orderBy('id').execute();
  }

  node(id: string): Promise<NodeRow | undefined> {
    return this.db.selectFrom('ls_cluster_nodes').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async remove(id: string): Promise<void> {
    await this.db.deleteFrom('ls_cluster_nodes').where('id', '=', id).execute();
  }

  /** Forgets instances silent since `before` (epoch ms). */
  async pruneInstances(before: number): Promise<void> {
    await this.db
      .deleteFrom('ls_cluster_nodes')
      .where('kind', '=', 'instance')
      .where('heartbeat_at', '<', before)
      .execute();
  }

  async state<T>(key: string): Promise<T | undefined> {
    const row = await this.db.selectFrom('ls_cluster_state').select('value').where('key', '=', key).executeTakeFirst();
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  async setState(key: string, value: unknown): Promise<void> {
    const text = JSON.stringify(value);
    await this.db
      .insertInto('ls_cluster_state')
      .values({ key, value: text })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: text }))
      .execute();
  }

  async removeState(key: string): Promise<void> {
    await this.db.deleteFrom('ls_cluster_state').where('key', '=', key).execute();
  }
}
