/**
 * Promoting a PostgreSQL standby: this instance's writes are paused and drained, the standby
 * replays up to the primary's position, `pg_promote()` runs on it, this server's writes move to
 * it (the database's pool changes server), and the old primary records where the database
 * went, so the other instances still on it follow at their next heartbeat. The promotion
 * state is recorded at each step; a failed promotion leaves the old primary in charge.
 */
import type { components } from '@lockstep/contract';
import type { Database } from '../../db/database';
import { errors } from '../../http/http-error';
import type { AuthorityMarker } from './membership';
import type { NodeView } from './node-view';
import { lsnToNumber, primaryState, promoteStandby, urlFor, withStandby } from './standby';
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
  /** Runs `work` with this instance's writes refused (503). */
  pauseWrites: <T>(work: () => Promise<T>) => Promise<T>;
}

/** How long the standby may take to replay up to the primary's position. */
const CATCH_UP_MS = 10_000;
/** How long in-flight queries may take to finish once writes are paused. */
const DRAIN_MS = 2_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (at most `DRAIN_MS`) until no query of this instance holds a connection. */
async function drain(database: Database): Promise<void> {
  const pool = database.pgPool;
  const deadline = Date.now() + DRAIN_MS;
  while (pool && pool.totalCount > pool.idleCount && Date.now() < deadline) await sleep(20);
}

/** Whether the standby replays up to `position` within `CATCH_UP_MS`. */
async function caughtUp(url: string, view: NodeView, position: number): Promise<boolean> {
  return withStandby(url, view.row.host, view.row.port, async (client) => {
    const deadline = Date.now() + CATCH_UP_MS;
    for (;;) {
      const { rows } = await client.query('select pg_last_wal_replay_lsn()::text as lsn');
      if (lsnToNumber(rows[0].lsn) >= position) return true;
      if (Date.now() > deadline) return false;
      await sleep(50);
    }
  }).catch(() => false);
}

function stateOf(view: NodeView, startedAt: string, step: PromotionState['current_state'], progress: number) {
  return { current_state: step, target_node_id: view.node.id, started_at: startedAt, progress };
}

/** Promotes the standby `view` and moves this server's writes to it; resolves when done. */
export async function promoteStandbyNode(deps: FailoverDeps, view: NodeView, startedAt: string): Promise<void> {
  const { database, store } = deps;
  const url = database.url;
  if (!url || !database.moveTo || !database.pgPool)
    throw errors.conflict('Only a PostgreSQL deployment has standbys to promote.');
  if (!view.standby?.inRecovery) throw errors.conflict(`${view.node.name} is offline or no longer a standby.`);
  if (view.standby.paused) throw errors.conflict(`${view.node.name} has replication paused: resume it first.`);
  const fail = async (error: string, step: PromotionState['current_state']) => {
    await store.setState('promotion', { ...stateOf(view, startedAt, step, 0), error });
    return errors.conflict(error);
  };
  await deps.pauseWrites(async () => {
    await store.setState('promotion', stateOf(view, startedAt, 'draining', 25));
    await drain(database);
    const { walPosition } = await primaryState(database.pgPool!);
    if (!(await caughtUp(url, view, walPosition)))
      throw await fail(`${view.node.name} did not catch up with the primary; the current primary stays.`, 'validating');
    await store.setState('promotion', stateOf(view, startedAt, 'transitioning', 50));
    const promoted = await withStandby(url, view.row.host, view.row.port, promoteStandby).catch(() => false);
    if (!promoted) throw await fail(`${view.node.name} did not finish its promotion.`, 'transitioning');
    const move: PrimaryMove = { host: view.row.host, port: view.row.port, at: new Date().toISOString() };
    await store.setState(MOVED_KEY, move);
    await database.moveTo!(urlFor(url, move.host, move.port));
  });
  await store.removeState(MOVED_KEY);
  await store.remove(view.row.id);
  await store.setState('promotion', stateOf(view, startedAt, 'marking', 75));
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
