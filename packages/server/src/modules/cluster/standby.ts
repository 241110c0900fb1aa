/**
 * PostgreSQL streaming standbys, reached with this server's own credentials at another
 * host and port: whether one is in recovery and receiving WAL, its replay position and lag,
 * and pausing or resuming its replay (`pg_wal_replay_pause()` / `pg_wal_replay_resume()`).
 * Replication itself is PostgreSQL's; nothing here copies data.
 */
import pg from 'pg';
import { HttpError } from '../../http/http-error';

/** What a standby reports. */
export interface StandbyState {
  inRecovery: boolean;
  receiving: boolean;
  paused: boolean;
  /** The replayed WAL position as an integer. */
  walPosition: number;
  /** Milliseconds since the last replayed transaction's commit; 0 when none yet. */
  lagMs: number;
  lastReplayAt?: string;
}

function urlFor(databaseUrl: string, host: string, port: number): string {
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
    throw new HttpError(
      503,
      'UNAVAILABLE',
      `The replica at ${host}:${port} cannot be reached: ${(error as Error).message}`,
    );
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
      pg_last_wal_replay_lsn()::text as lsn,
      pg_last_xact_replay_timestamp() as replayed_at`);
  const row = rows[0];
  const replayedAt: Date | null = row.replayed_at;
  return {
    inRecovery: row.in_recovery,
    receiving: row.receiver === 'streaming',
    paused: row.paused,
    walPosition: lsnToNumber(row.lsn),
    lagMs: replayedAt ? Math.max(0, Date.now() - replayedAt.getTime()) : 0,
    lastReplayAt: replayedAt?.toISOString(),
  };
}

/** How many standbys stream from the database at `client` (the primary). */
export async function attachedStandbys(client: { query: pg.Pool['query'] }): Promise<number> {
  const { rows } = await client.query('select count(*)::int as n from pg_stat_replication');
  return rows[0].n as number;
}
