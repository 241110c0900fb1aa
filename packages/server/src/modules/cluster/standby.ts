/**
 * PostgreSQL streaming standbys, reached with this server's own credentials at another
 * host and port: whether one is in recovery and receiving WAL, its replay position and lag,
 * and pausing or resuming its replay (`pg_wal_replay_pause()` / `pg_wal_replay_resume()`).
 * Replication itself is PostgreSQL's; nothing here copies data.
 */
import pg from 'pg';
import { errors } from '../../http/http-error';

/** What a standby reports. */
export interface StandbyState {
  inRecovery: boolean;
  /** Its WAL receiver streams from a primary (`pg_stat_wal_receiver`). */
  receiving: boolean;
  paused: boolean;
  /** The cluster it is a copy of (`pg_control_system()`): a standby shares its primary's. */
  systemId: string;
  /** The replayed WAL position as an integer. */
  walPosition: number;
  /** Milliseconds since the last replayed transaction's commit; 0 when none yet. */
  sinceReplayMs: number;
  lastReplayAt?: string;
}

/** Where the primary is: its WAL position and cluster identity. */
export interface PrimaryState {
  walPosition: number;
  systemId: string;
}

/** `databaseUrl` with another host and port. */
export function urlFor(databaseUrl: string, host: string, port: number): string {
  const url = new URL(databaseUrl);
  url.hostname = host;
  url.port = String(port);
  return url.toString();
}

/** Runs `work` on a connection to the standby; 503 when it cannot be reached. */
export async function withStandby<T>(
  databaseUrl: string,
  host: string,
  port: number,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: urlFor(databaseUrl, host, port), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (error) {
    throw errors.unavailable(`The replica at ${host}:${port} cannot be reached: ${(error as Error).message}`);
  }
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** `0/3000060` as an integer. */
export function lsnToNumber(lsn: string | null): number {
  if (!lsn) return 0;
  const [high, low] = lsn.split('/');
  return Number.parseInt(high, 16) * 2 ** 32 + Number.parseInt(low, 16);
}

/** The standby's state. */
export async function standbyState(client: pg.Client): Promise<StandbyState> {
  const { rows } = await client.query(`select pg_is_in_recovery() as in_recovery,
      (select status from pg_stat_wal_receiver limit 1) as receiver,
      case when pg_is_in_recovery() then pg_is_wal_replay_paused() else false end as paused,
      (select system_identifier::text from pg_control_system()) as system_id,
      pg_last_wal_replay_lsn()::text as lsn,
      pg_last_xact_replay_timestamp() as replayed_at,
      coalesce(extract(epoch from now() - pg_last_xact_replay_timestamp()) * 1000, 0)::float8 as since_ms`);
  const row = rows[0];
  const replayedAt: Date | null = row.replayed_at;
  return {
    inRecovery: row.in_recovery,
    receiving: row.receiver === 'streaming',
    paused: row.paused,
    systemId: row.system_id,
    walPosition: lsnToNumber(row.lsn),
    sinceReplayMs: Math.max(0, Math.round(row.since_ms)),
    lastReplayAt: replayedAt?.toISOString(),
  };
}

/**
 * A standby's lag behind `primary`: 0 once it has replayed everything the primary had
 * written when asked, else the time since the last transaction it replayed.
 */
export function lagMs(standby: StandbyState, primary: PrimaryState | undefined): number {
  if (!standby.inRecovery) return 0;
  if (primary && standby.walPosition >= primary.walPosition) return 0;
  return standby.sinceReplayMs;
}

/** The primary's WAL position and identity. */
export async function primaryState(client: { query: pg.Pool['query'] }): Promise<PrimaryState> {
  const { rows } = await client.query(`select pg_current_wal_lsn()::text as lsn,
      (select system_identifier::text from pg_control_system()) as system_id`);
  return { walPosition: lsnToNumber(rows[0].lsn), systemId: rows[0].system_id };
}

/** Promotes the standby (`pg_promote()`, waiting up to a minute); false when it did not finish. */
export async function promoteStandby(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query('select pg_promote(true, 60) as done');
  return rows[0].done === true;
}

/** How many standbys stream from the database at `client` (the primary). */
export async function attachedStandbys(client: { query: pg.Pool['query'] }): Promise<number> {
  const { rows } = await client.query('select count(*)::int as n from pg_stat_replication');
  return rows[0].n as number;
}
