/**
 * One open realtime WebSocket: who it is, what it subscribed to, and sending with
 * backpressure (a connection whose unsent bytes pass the limit is closed with 4002 rather
 * than queued without bound) and a per-second frame budget for what it sends us.
 */
import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { Caller } from '../../data/caller';
import { errorFrame, type FrameErrorCode, type ServerFrame } from './frames';
import { CloseCode, type RealtimeOptions } from './options';
import type { SendStats } from './stats';
import type { Subscription } from './subscriptions';

/** What proves the connection's identity, checked again while it is open. */
export interface Credential {
  sessionId?: string;
  apiKeyId?: string;
  /** When the access token expires (ms since the epoch). */
  expiresAt?: number;
}

/** An open connection. */
export class Connection {
  readonly id = randomUUID();
  readonly connectedAt = new Date().toISOString();
  /** Its subscriptions, by channel. */
  readonly subscriptions = new Map<string, Subscription>();
  lastSeen = Date.now();
  lastPing = Date.now();
  closed = false;
  private windowStart = 0;
  private windowCount = 0;

  constructor(
    readonly socket: WebSocket,
    readonly caller: Caller,
    readonly credential: Credential,
    private readonly options: RealtimeOptions,
    private readonly stats: SendStats,
  ) {}

  /** The user's id; null when anonymous. */
  get userId(): string | null {
    return this.caller.kind === 'user' ? this.caller.userId : null;
  }

  /**
   * Sends a serialised frame as a text frame; false when the connection is closed or was too
   * slow and is now closing. Fan-out encodes a frame once and sends the same bytes to all.
   */
  sendEncoded(bytes: Buffer): boolean {
    if (this.closed) return false;
    if (this.socket.bufferedAmount + bytes.length > this.options.maxBufferedBytes) {
      this.close(CloseCode.slowConsumer, 'too slow: send queue full');
      return false;
    }
    this.socket.send(bytes, { binary: false });
    this.stats.sent(bytes.length);
    return true;
  }

  /** Sends one frame. */
  send(frame: ServerFrame): boolean {
    return this.sendEncoded(Buffer.from(JSON.stringify(frame)));
  }

  /** Sends an `error` frame. */
  fail(code: FrameErrorCode, message: string, channel?: string): void {
    this.send(errorFrame(code, message, channel));
  }

  /** Counts a received frame; false once the second's budget is spent. */
  admit(now = Date.now()): boolean {
    this.lastSeen = now;
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.windowCount = 0;
    }
    this.windowCount++;
    return this.windowCount <= this.options.maxMessagesPerSecond;
  }

  /** Whether this second's budget was just exceeded (the one frame that gets the RATE_LIMITED error). */
  get justLimited(): boolean {
    return this.windowCount === this.options.maxMessagesPerSecond + 1;
  }

  /** Closes with `code`; a peer that does not answer the close within 5 s is cut off. */
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.close(code, reason);
    setTimeout(() => this.socket.terminate(), 5000).unref();
  }
}
