/**
 * Promoting a PostgreSQL standby: `pg_promote()` on it, then this server's writes move to it
 * (the database's pool changes server), and the old primary records where the database went,
 * so the other instances still on it follow at their next heartbeat. The promotion state is
 * recorded at each step; a failed promotion leaves the old primary in charge.
 */
import type { components } from '@lockstep/contract';
import type { Database } from '../../db/database';
import { errors } from '../../http/http-error';
import type { AuthorityMarker } from './membership';
import type { NodeView } from './service';
import { promoteStandby, urlFor, withStandby } from './standby';
import type { ClusterStore } from './store';

type PromotionState = components['schemas']['ClusterPromotionState'];

/** The state key an old primary keeps: where its database went. */
export const MOVED_KEY = 'primary_moved';

/** Where the database went after a promotion. */
export interface PrimaryMove {
  host: string;
  port: number;
  at: string;
}

/** What a standby's promotion needs. */
export interface FailoverDeps {
  database: Database;
  store: ClusterStore;
  /** The authority the marker names once the database has moved. */
  authorityId: () => Promise<string>;
}

function stateOf(view: NodeView, startedAt: string, step: PromotionState['current_state'], progress: number) {
  return { current_state: step, target_node_id: view.node.id, started_at: startedAt, progress };
}

/** Promotes the standby `view` and moves this server's writes to it; resolves when done. */
export async function promoteStandbyNode(deps: FailoverDeps, view: NodeView, startedAt: string): Promise<void> {
  const { database, store } = deps;
  const url = database.url;
  if (!url || !database.moveTo) throw errors.conflict('Only a PostgreSQL deployment has standbys to promote.');
  if (!view.standby?.inRecovery) throw errors.conflict(`${view.node.name} is offline or no longer a standby.`);
  await store.setState('promotion', stateOf(view, startedAt, 'transitioning', 25));
  const promoted = await withStandby(url, view.row.host, view.row.port, promoteStandby).catch(() => false);
  if (!promoted) {
    const error = `${view.node.name} did not finish its promotion; the current primary stays.`;
    await store.setState('promotion', { ...stateOf(view, startedAt, 'validating', 0), error });
    throw errors.conflict(error);
  }
  const move: PrimaryMove = { host: view.row.host, port: view.row.port, at: new Date().toISOString() };
  await store.setState(MOVED_KEY, move);
  await database.moveTo(urlFor(url, move.host, move.port));
  await store.removeState(MOVED_KEY);
  await store.remove(view.row.id);
  const marker: AuthorityMarker = { node_id: await deps.authorityId(), timestamp: new Date().toISOString() };
  await store.setState('authority_marker', marker);
  await store.setState('promotion', stateOf(view, startedAt, 'completed', 100));
}

/** Moves this server's writes to where its database went, when the old primary says so. */
export async function followMovedPrimary(database: Database, store: ClusterStore): Promise<boolean> {
  if (!database.url || !database.moveTo) return false;
  const move = await store.state<PrimaryMove>(MOVED_KEY);
  if (!move) return false;
  const to = urlFor(database.url, move.host, move.port);
  if (to === database.url) return false;
  await database.moveTo(to);
  return true;
}
