/** The realtime WebSocket's limits and timings, with their defaults. */

/** Limits of the realtime module; every one can be lowered for tests. */
export interface RealtimeOptions {
  /** A connection silent this long (no frame, no Pong) is closed with 4008. @default 90000 */
  idleTimeoutMs: number;
  /** The server sends a WebSocket Ping this often. @default 30000 */
  pingIntervalMs: number;
  /** A text frame larger than this gets an `error` frame (VALIDATION_FAILED). @default 65536 */
  maxFrameBytes: number;
  /** A frame larger than this ends the connection (1009, the `ws` library's maxPayload). @default 1048576 */
  hardMaxFrameBytes: number;
  /** Channels one connection may subscribe to. @default 100 */
  maxSubscriptions: number;
  /** Frames one connection may send per second; more get a RATE_LIMITED error. @default 100 */
  maxMessagesPerSecond: number;
  /** Bytes queued for a slow connection before it is closed with 4002. @default 1048576 */
  maxBufferedBytes: number;
  /** How often sessions and API keys behind open connections are checked. @default 2000 */
  authCheckIntervalMs: number;
  /** How often SQLite's change log is polled (PostgreSQL is notified). @default 20 */
  pollIntervalMs: number;
  /** How long the change log keeps entries. @default 86400000 (24 h) */
  changeRetentionMs: number;
}

/** The defaults. */
export const defaultRealtimeOptions: RealtimeOptions = {
  idleTimeoutMs: 90_000,
  pingIntervalMs: 30_000,
  maxFrameBytes: 64 * 1024,
  hardMaxFrameBytes: 1024 * 1024,
  maxSubscriptions: 100,
  maxMessagesPerSecond: 100,
  maxBufferedBytes: 1024 * 1024,
  authCheckIntervalMs: 2000,
  pollIntervalMs: 20,
  changeRetentionMs: 24 * 3600 * 1000,
};

/** Close codes the server uses (documented in spec/asyncapi.yaml). */
export const CloseCode = {
  /** The server is shutting down. */
  goingAway: 1001,
  /** A frame above the hard limit. */
  tooBig: 1009,
  /** The token is invalid or expired, or its session or key was revoked. */
  unauthorized: 4001,
  /** The connection read too slowly: its send queue passed its limit. */
  slowConsumer: 4002,
  /** No frame and no Pong for the idle timeout. */
  idle: 4008,
} as const;
