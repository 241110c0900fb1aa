/**
 * The realtime client (`client.realtime`): one WebSocket to `/realtime` with the session's
 * access token, reconnecting with exponential backoff and re-sending every channel's
 * subscription; a close for an expired or revoked token (4001) refreshes the session first.
 * Works with the browser's WebSocket, or any constructor of that shape (such as `ws` in Node).
 */
import { RealtimeChannel } from './channel';
import type { ServerFrame } from './frames';

/** The WebSocket constructor shape the client needs (the browser's, or the `ws` package's). */
export interface WebSocketLike {
  readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  // Events typed `any`: the browser's and the ws package's event types differ, and both must fit.
  onopen: ((event: any) => void) | null;
  onmessage: ((event: any) => void) | null;
  onclose: ((event: any) => void) | null;
}

/** Options of the realtime client. */
export interface RealtimeOptions {
  /** The WebSocket constructor. @default globalThis.WebSocket */
  WebSocket?: new (
    url: string,
  ) => WebSocketLike;
  /** The first reconnect delay; it doubles each attempt. @default 1000 */
  reconnectBaseMs?: number;
  /** The longest reconnect delay. @default 30000 */
  reconnectMaxMs?: number;
  /** How often a `ping` frame is sent. @default 30000 */
  pingIntervalMs?: number;
}

/** Where the client gets its credentials. */
export interface RealtimeAuth {
  /** The access token to connect with; undefined connects anonymously. */
  token(): Promise<string | undefined>;
  /** Refreshes the session after the server refused the token. */
  refresh(): Promise<unknown>;
}

const OPEN = 1;

/** The realtime WebSocket client. */
export class RealtimeClient {
  private socket?: WebSocketLike;
  private readonly channels = new Map<string, RealtimeChannel>();
  private attempt = 0;
  private wanted = false;
  private timer?: ReturnType<typeof setTimeout>;
  private pinger?: ReturnType<typeof setInterval>;
  /** The server's id of the current connection. */
  connectionId?: string;

  constructor(
    private readonly url: string,
    private readonly auth: RealtimeAuth,
    private readonly options: RealtimeOptions = {},
  ) {}

  /** The channel called `name` (made on first use). */
  channel(name: string): RealtimeChannel {
    let channel = this.channels.get(name);
    if (!channel) {
      channel = new RealtimeChannel(name, { send: (f) => this.send(f), forget: (n) => this.channels.delete(n) });
      this.channels.set(name, channel);
    }
    return channel;
  }

  /** Opens the connection (and keeps it open until `disconnect()`). */
  async connect(): Promise<void> {
    this.wanted = true;
    if (this.socket) return;
    const token = await this.auth.token();
    const base = this.url.replace(/^http/, 'ws').replace(/\/$/, '');
    const Socket = this.options.WebSocket ?? (globalThis as { WebSocket?: RealtimeOptions['WebSocket'] }).WebSocket;
    if (!Socket) throw new Error('No WebSocket: pass options.WebSocket (for example the ws package in Node)');
    const socket = new Socket(`${base}/realtime${token ? `?token=${encodeURIComponent(token)}` : ''}`);
    this.socket = socket;
    socket.onmessage = (event: { data: unknown }) => this.receive(String(event.data));
    socket.onclose = (event: { code: number }) => this.closed(socket, event.code);
  }

  private receive(text: string): void {
    let frame: ServerFrame;
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    if (frame.type === 'connected') {
      this.attempt = 0;
      this.connectionId = frame.payload.connection_id;
      for (const channel of this.channels.values()) channel.resend();
      clearInterval(this.pinger);
      this.pinger = setInterval(() => this.send({ type: 'ping' }), this.options.pingIntervalMs ?? 30_000);
      return;
    }
    const name = 'channel' in frame ? frame.channel : undefined;
    if (name) this.channels.get(name)?.receive(frame);
  }

  private closed(socket: WebSocketLike, code: number): void {
    if (this.socket !== socket) return;
    this.socket = undefined;
    clearInterval(this.pinger);
    this.retry(code);
  }

  private retry(code: number): void {
    if (!this.wanted) return;
    const delay = Math.min(
      (this.options.reconnectBaseMs ?? 1000) * 2 ** this.attempt++,
      this.options.reconnectMaxMs ?? 30_000,
    );
    this.timer = setTimeout(async () => {
      if (code === 4001) await this.auth.refresh().catch(() => undefined);
      if (this.wanted) await this.connect().catch(() => this.retry(code));
    }, delay);
  }

  private send(frame: Record<string, unknown>): void {
    if (this.socket?.readyState === OPEN) this.socket.send(JSON.stringify(frame));
  }

  /** Closes the connection for good (channels keep their handlers for a later `connect()`). */
  disconnect(): void {
    this.wanted = false;
    clearTimeout(this.timer);
    clearInterval(this.pinger);
    const socket = this.socket;
    this.socket = undefined;
    socket?.close(1000, 'client disconnect');
  }
}
