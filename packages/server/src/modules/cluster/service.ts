/**
 * The cluster as it is: the server instances registered with heartbeats (the holder of the
 * `cluster-authority` lease is the authority, the others follow it on the same database,
 * with no lag) and the PostgreSQL standbys registered as replicas (their state read from
 * them). Promotion moves the authority to another instance, or promotes a standby and moves
 * the writes to it (`failover.ts`); every replica operation on SQLite answers 409
 * UNSUPPORTED_DEPLOYMENT.
 */
import { randomUUID } from 'node:crypto';
import type { components } from '@lockstep/contract';
import type { Kysely } from 'kysely';
import type { ServerConfig } from '../../config';
import { lastChangeId } from '../../data/change-log';
import type { Leases } from '../../data/leases';
import type { Database } from '../../db/database';
import type { Tables } from '../../db/tables';
import { errors } from '../../http/http-error';
import type { Logger } from '../../log';
import { followMovedPrimary, promoteStandbyNode } from './failover';
import { AUTHORITY_LEASE, type AuthorityMarker, Membership, OFFLINE_AFTER_MS } from './membership';
import type { ClusterNode, NodeView } from './node-view';
import {
  attachedStandbys,
  lagMs,
  type PrimaryState,
  primaryState,
  type StandbyState,
  standbyState,
  withStandby,
} from './standby';
import { ClusterStore, type NodeRow } from './store';

type Schemas = components['schemas'];

export type { ClusterNode, NodeView } from './node-view';

/** Topology, health and promotion of the cluster. */
export class ClusterService {
  readonly store: ClusterStore;
  readonly membership: Membership;
  private promoting = false;

  constructor(
    config: ServerConfig,
    private readonly database: Database,
    private readonly leases: Leases,
    private readonly log: Logger,
    /** Runs `work` with this instance's writes refused; a promotion drains writes with it. */
    private readonly pauseWrites: <T>(work: () => Promise<T>) => Promise<T> = (work) => work(),
  ) {
    this.store = new ClusterStore(database.db);
    this.membership = new Membership(this.store, leases, config.port, () => this.follow());
  }

  private async follow(): Promise<void> {
    const from = this.database.url;
    if (await followMovedPrimary(this.database, this.store))
      this.log.warn({ from, to: this.database.url }, 'cluster: the database moved to a promoted standby; following it');
  }

  start(): Promise<void> {
    return this.membership.start((error) => this.log.warn({ err: error }, 'cluster heartbeat failed'));
  }

  stop(): Promise<void> {
    return this.membership.stop();
  }

  /** The authority's node id, or undefined between authorities. */
  async authorityId(): Promise<string | undefined> {
    return (await this.leases.holderOf(AUTHORITY_LEASE))?.holder;
  }

  private async standbyOf(row: NodeRow): Promise<StandbyState | undefined> {
    if (!this.database.url) return undefined;
    return withStandby(this.database.url, row.host, row.port, standbyState).catch(() => undefined);
  }

  /** The primary's position, when some node is a standby to compare with it. */
  private async primaryFor(rows: NodeRow[]): Promise<PrimaryState | undefined> {
    if (!this.database.pgPool || !rows.some((r) => r.kind === 'replica')) return undefined;
    return primaryState(this.database.pgPool);
  }

  private async view(row: NodeRow, authority: string | undefined, primary?: PrimaryState): Promise<NodeView> {
    const isAuthority = row.id === authority;
    const standby = row.kind === 'replica' ? await this.standbyOf(row) : undefined;
    const online =
      row.kind === 'instance' ? Date.now() - Number(row.heartbeat_at) < OFFLINE_AFTER_MS : standby?.inRecovery === true;
    const node: ClusterNode = {
      id: row.id,
      name: row.name,
      role: isAuthority ? 'authority' : 'replica',
      status: online ? 'online' : 'offline',
      replication_lag: isAuthority ? null : standby ? lagMs(standby, primary) : 0,
      host: row.host,
      port: row.port,
      connected_at: row.started_at,
    };
    return { row, node, standby };
  }

  /** Every node, the authority first, then by name. */
  async nodes(): Promise<NodeView[]> {
    const authority = await this.authorityId();
    const rows = await this.store.nodes();
    const primary = await this.primaryFor(rows);
    const views = await Promise.all(rows.map((row) => this.view(row, authority, primary)));
    return views.sort(
      (a, b) =>
        Number(b.node.role === 'authority') - Number(a.node.role === 'authority') ||
        a.node.name.localeCompare(b.node.name),
    );
  }

  /** One node, or 404. */
  async node(id: string): Promise<NodeView> {
    const row = await this.store.node(id);
    if (!row) throw errors.notFound('Node');
    return this.view(row, await this.authorityId(), await this.primaryFor([row]));
  }

  /** A node's replication state. */
  async replicationOf(view: NodeView): Promise<Schemas['ClusterReplicationStatus']> {
    const { node, standby, row } = view;
    const status: Schemas['ClusterReplicationStatus'] = {
      node_id: node.id,
      role: node.role,
      status: standby?.paused ? 'paused' : standby?.inRecovery && !standby.receiving ? 'syncing' : node.status,
      wal_position: standby ? standby.walPosition : await lastChangeId(this.database),
      replication_lag_ms: node.replication_lag ?? 0,
      sync_mode: row.replication_mode ?? ((await this.hasReplicas()) ? 'async' : 'none'),
    };
    if (standby?.lastReplayAt) status.last_sync_at = standby.lastReplayAt;
    return status;
  }

  async hasReplicas(): Promise<boolean> {
    return (await this.store.nodes()).some((n) => n.kind === 'replica');
  }

  /** The authority marker. */
  marker(): Promise<AuthorityMarker | undefined> {
    return this.store.state<AuthorityMarker>('authority_marker');
  }

  /** The last promotion, or undefined when there was none. */
  promotionState(): Promise<Schemas['ClusterPromotionState'] | undefined> {
    return this.store.state('promotion');
  }

  /** Moves the authority to the instance `nodeId`. */
  async promote(nodeId: string): Promise<Schemas['ClusterPromotionRequest']> {
    const all = await this.nodes();
    if (all.length < 2) throw errors.unsupportedDeployment('This deployment has no replica to promote.');
    const target = all.find((v) => v.node.id === nodeId);
    if (!target) throw errors.notFound('Node');
    if (target.node.role === 'authority') throw errors.conflict(`${target.node.name} is already the authority.`);
    const requestedAt = new Date().toISOString();
    if (target.row.kind === 'replica') return this.promoteStandby(target, requestedAt);
    if (target.node.status !== 'online') throw errors.conflict(`${target.node.name} is offline.`);
    await this.handOver(nodeId);
    const marker: AuthorityMarker = { node_id: nodeId, timestamp: new Date().toISOString() };
    await this.store.setState('authority_marker', marker);
    const state: Schemas['ClusterPromotionState'] = {
      current_state: 'completed',
      target_node_id: nodeId,
      started_at: requestedAt,
      progress: 100,
    };
    await this.store.setState('promotion', state);
    return {
      id: randomUUID(),
      node_id: nodeId,
      status: 'completed',
      requested_at: requestedAt,
      completed_at: marker.timestamp,
    };
  }

  /** Promotes a standby (one promotion at a time) and moves this server's writes to it. */
  private async promoteStandby(target: NodeView, requestedAt: string): Promise<Schemas['ClusterPromotionRequest']> {
    if (this.promoting) throw errors.conflict('A promotion is running.');
    this.promoting = true;
    try {
      const authorityId = async () => (await this.authorityId()) ?? this.membership.id;
      const deps = { database: this.database, store: this.store, authorityId, pauseWrites: this.pauseWrites };
      await promoteStandbyNode(deps, target, requestedAt);
    } finally {
      this.promoting = false;
    }
    const completedAt = new Date().toISOString();
    return {
      id: randomUUID(),
      node_id: target.node.id,
      status: 'completed',
      requested_at: requestedAt,
      completed_at: completedAt,
    };
  }

  private async handOver(nodeId: string): Promise<void> {
    const db = this.database.db as Kysely<Tables>;
    await db
      .updateTable('ls_leases')
      .set({ holder: nodeId, expires_at: Date.now() + OFFLINE_AFTER_MS })
      .where('name', '=', AUTHORITY_LEASE)
      .execute();
  }

  /**
   * Registers a PostgreSQL standby at `host:port` after checking it replicates from this
   * database: in recovery, streaming, and a copy of this cluster (same system identifier).
   * An unreachable `host:port` is 503 first, whether or not anything replicates yet.
   */
  async addReplica(request: Schemas['ClusterAddReplicaRequest']): Promise<NodeView> {
    const { url, pgPool } = this.database;
    if (this.database.engine !== 'postgres' || !url || !pgPool)
      throw errors.unsupportedDeployment(
        'Replication needs PostgreSQL: this deployment runs on SQLite, a single node.',
      );
    const existing = await this.store.nodes();
    if (existing.some((n) => n.host === request.host && n.port === request.port))
      throw errors.conflict(`${request.host}:${request.port} is already a node.`);
    const state = await withStandby(url, request.host, request.port, standbyState);
    if ((await attachedStandbys(pgPool)) === 0)
      throw errors.unsupportedDeployment(
        'No streaming standby replicates from this database (pg_stat_replication is empty).',
      );
    const primary = await primaryState(pgPool);
    if (!state.inRecovery || !state.receiving || state.systemId !== primary.systemId)
      throw errors.conflict(`${request.host}:${request.port} is not a standby streaming from this database.`);
    const row: NodeRow = {
      id: randomUUID(),
      kind: 'replica',
      name: request.name ?? `replica-${existing.filter((n) => n.kind === 'replica').length + 1}`,
      host: request.host,
      port: request.port,
      version: 'postgresql',
      started_at: new Date().toISOString(),
      heartbeat_at: Date.now(),
      load: 0,
      replication_mode: request.replication_mode ?? 'async',
    };
    await this.store.upsert(row);
    return this.view(row, await this.authorityId(), primary);
  }

  /** A registered standby, or the documented error. */
  async replica(nodeId: string): Promise<NodeView> {
    if (this.database.engine !== 'postgres')
      throw errors.unsupportedDeployment('Replication needs PostgreSQL: this deployment runs on SQLite.');
    const view = await this.node(nodeId);
    if (view.row.kind !== 'replica')
      throw view.node.role === 'authority'
        ? errors.conflict('The authority does not replay changes.')
        : errors.unsupportedDeployment('Server instances share the database: they have no replication to pause.');
    return view;
  }

  /** Pauses or resumes a standby's replay. */
  async setReplay(nodeId: string, pause: boolean): Promise<void> {
    const { row, standby, node } = await this.replica(nodeId);
    if (!standby?.inRecovery) throw errors.conflict(`${node.name} is offline or no longer a standby.`);
    if (standby.paused === pause)
      throw errors.conflict(pause ? 'Replication is already paused.' : 'Replication is not paused.');
    const call = pause ? 'select pg_wal_replay_pause()' : 'select pg_wal_replay_resume()';
    await withStandby(this.database.url!, row.host, row.port, (client) => client.query(call));
  }

  /** Forgets a standby. */
  async removeReplica(nodeId: string): Promise<void> {
    const { row } = await this.replica(nodeId);
    await this.store.remove(row.id);
  }
}
