/** The realtime WebSocket's frames as the SDK sees them (spec/asyncapi.yaml). */

/** A change kind of a `db_change` frame. */
export type ChangeEvent = 'INSERT' | 'UPDATE' | 'DELETE';

/** A user present on a channel. */
export interface PresenceUser {
  user_id: string;
  email?: string;
  online_at: string;
  status: 'online' | 'away' | 'offline';
  metadata?: Record<string, unknown>;
}

/** The payload of a `db_change` frame. */
export interface ChangePayload<Row = Record<string, unknown>> {
  table: string;
  record: Row;
  old_record?: Row;
  commit_timestamp?: string;
  change_id?: number;
}

/** The codes of an `error` frame. */
export type RealtimeErrorCode =
  | 'VALIDATION_FAILED'
  | 'INVALID_JSON'
  | 'UNAUTHENTICATED'
  | 'TOKEN_EXPIRED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'RATE_LIMITED'
  | 'INTERNAL';

/** A frame the server sends. */
export type ServerFrame =
  | { type: 'connected'; payload: { connection_id: string } }
  | { type: 'pong' }
  | { type: 'subscribed'; channel: string; subscription_id: string }
  | { type: 'unsubscribed'; channel: string }
  | { type: 'message' | 'broadcast'; channel: string; event: string; payload: unknown }
  | { type: 'db_change'; channel: string; event: ChangeEvent; payload: ChangePayload }
  | { type: 'presence_state'; channel: string; users: PresenceUser[] }
  | { type: 'presence_join' | 'presence_leave'; channel: string; user: PresenceUser }
  | { type: 'error'; channel?: string; payload: { message: string; code: RealtimeErrorCode }; error: string };

/** A subscription filter: `{column: value}`, `{column: {op: value}}` or `"column=op.value"`. */
export type RealtimeFilter = Record<string, unknown> | string;
