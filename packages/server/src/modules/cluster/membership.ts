/**
 * This instance as a member of the cluster: it registers itself (address, version, start
 * time, load), renews its heartbeat, and competes for the `cluster-authority` lease; the
 * holder is the authority and writes the authority marker when it becomes so. Instances
 * silent for a minute are forgotten; on close an instance leaves and gives up the lease,
 * so another takes over at its next heartbeat. Before each beat it follows a database that
 * moved to a promoted standby.
 */
import { hostname, loadavg } from 'node:os';
import type { Leases } from '../../data/leases';
import { serverVersion } from '../../version';
import type { ClusterStore, NodeRow } from './store';

/** The lease whose holder is the authority. */
export const AUTHORITY_LEASE = 'cluster-authority';
/** How often an instance beats. */
export const HEARTBEAT_MS = 5_000;
/** An instance silent this long is offline; the authority lease lasts as long. */
export const OFFLINE_AFTER_MS = 15_000;
/** An instance silent this long is forgotten. */
export const FORGET_AFTER_MS = 60_000;

/** The authority marker's stored form. */
export interface AuthorityMarker {
  node_id: string;
  timestamp: string;
}

/** This instance's membership. */
export class Membership {
  private timer?: NodeJS.Timeout;
  private readonly startedAt = new Date().toISOString();
  private wasAuthority = false;

  constructor(
    private readonly store: ClusterStore,
    private readonly leases: Leases,
    private readonly port: number,
    /** Runs first at each heartbeat (following a database that moved). */
    private readonly beforeBeat: () => Promise<void> = async () => {},
  ) {}

  /** This instance's node id. */
  get id(): string {
    return this.leases.holder;
  }

  private row(): NodeRow {
    return {
      id: this.id,
      kind: 'instance',
      name: `${hostname()}:${this.port}`,
      host: hostname(),
      port: this.port,
      version: serverVersion,
      started_at: this.startedAt,
      heartbeat_at: Date.now(),
      load: Math.round(loadavg()[0] * 100) / 100,
      replication_mode: null,
    };
  }

  /** One heartbeat: refresh the row, renew or take the authority, forget silent instances. */
  async beat(): Promise<void> {
    await this.beforeBeat();
    await this.store.upsert(this.row());
    const authority = await this.leases.acquire(AUTHORITY_LEASE, OFFLINE_AFTER_MS);
    if (authority && !this.wasAuthority) {
      const marker: AuthorityMarker = { node_id: this.id, timestamp: new Date().toISOString() };
      await this.store.setState('authority_marker', marker);
    }
    this.wasAuthority = authority;
    await this.store.pruneInstances(Date.now() - FORGET_AFTER_MS);
  }

  /** Joins and beats every `HEARTBEAT_MS`. */
  async start(log: (error: unknown) => void): Promise<void> {
    await this.beat().catch(log);
    this.timer = setInterval(() => void this.beat().catch(log), HEARTBEAT_MS);
    this.timer.unref();
  }

  /** Leaves the cluster and gives up the authority. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.store.remove(this.id).catch(() => undefined);
    await this.leases.release(AUTHORITY_LEASE).catch(() => undefined);
  }
}
