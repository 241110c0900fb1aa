/** One call of the dashboard in the replay: its row of aerodb-calls.tsv, how it is sent, and what is read. */
import type { DashboardClient, Reply } from './dashboard-client';
import type { Shape } from './shape';

/** What every call of one replay shares: the dashboard's client, the ids earlier calls answered, the server. */
export interface ReplayContext {
  client: DashboardClient;
  /** Ids and names earlier calls produced (a bucket, a table, a user). */
  state: Record<string, any>;
  /** `http://127.0.0.1:<port>` of the server under test. */
  baseUrl: string;
  /** The newest one-time token mailed to `email` for `purpose` (the server's dev outbox). */
  mailedToken: (email: string, purpose: 'reset_password' | 'verify_email') => Promise<string>;
  /**
   * Starts what the user runs beside the server before opening the Cluster page: on
   * PostgreSQL, streaming standbys of its database and a second server instance. Absent on
   * SQLite (one node): the Add Replica form then holds its default address.
   */
  startCluster?: () => Promise<ReplayCluster>;
}

/** Where one of the user's PostgreSQL standbys listens: what they type into the Add Replica form. */
export interface StandbyAddress {
  host: string;
  port: number;
}

/** What the Cluster page finds running. */
export interface ReplayCluster {
  /** The user's standbys: the first is paused, resumed and promoted, the second removed. */
  standbys: StandbyAddress[];
}

/** One dashboard call. */
export interface ReplayCall {
  method: string;
  /** The path template exactly as in aerodb-calls.tsv. */
  path: string;
  /** Sends the call as the dashboard does (keeping what later calls need) and answers the reply to judge. */
  send: (c: ReplayContext) => Promise<Reply>;
  /** The fields the dashboard reads, with their types; nothing when it reads nothing. */
  reads?: Shape;
  /** A judge of its own (WebSocket, event stream, blob): a problem, or undefined when it passes. */
  judge?: (reply: Reply) => string | undefined;
}

/** A call, declared compactly. */
export function call(
  method: string,
  path: string,
  send: ReplayCall['send'],
  reads?: Shape,
  judge?: ReplayCall['judge'],
): ReplayCall {
  return { method, path, send, reads, judge };
}
