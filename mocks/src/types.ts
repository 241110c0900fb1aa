/**
 * The public types of the mocks: options of `createHandlers`, the answer a mock gives,
 * and the override hook.
 */
import type { DbChangeFrame, OperationId, PresenceUser, ServerFrame } from '@lockstep/contract';
import type { WebSocketHandler } from 'msw';

/** What a mock answers: status, headers (with `Content-Type` when there is a body) and body. */
export interface MockAnswer {
  /** The HTTP status. */
  status: number;
  /** The response headers, documented ones included (`X-Total-Count`, `ETag`, …). */
  headers: Record<string, string>;
  /** A JSON value for JSON contents, a string for text, bytes for binary contents, `null` for none. */
  body: unknown;
}

/** What an override receives: the request, its path parameters and the answer the mock would give. */
export interface OverrideInfo {
  /** The operation the request hit. */
  operationId: OperationId;
  /** The intercepted request. */
  request: Request;
  /** The path parameters, decoded, by their spec names. */
  params: Record<string, string | readonly string[] | undefined>;
  /** The operation's default (success) answer, as `mockAnswer(operationId)` gives it. */
  answer: MockAnswer;
}

/** Replaces one operation's answer; returning `undefined` falls back to the default behaviour. */
export type MockOverride = (info: OverrideInfo) => Response | undefined | Promise<Response | undefined>;

/** One override per operationId, at most. */
export type MockOverrides = Partial<Record<OperationId, MockOverride>>;

/** Options of `createHandlers`, `createMockServer`, `createMockWorker` and `createMockFetch`. */
export interface MockOptions {
  /**
   * The origin (and optional prefix) the handlers answer on.
   * @default 'http://localhost:54321'
   */
  baseUrl?: string;
  /**
   * Answers that replace the mock's own, by operationId.
   * @default {}
   */
  overrides?: MockOverrides;
  /**
   * A delay before every answer: milliseconds, or msw's `'real'` / `'infinite'` modes.
   * @default undefined (no delay)
   */
  delay?: number | 'real' | 'infinite';
  /**
   * The realtime WebSocket mock `createMockServer`/`createMockWorker` add (pass yours to push
   * changes from a test); `false` leaves the socket unmocked. `createHandlers` ignores it.
   * @default a new `createRealtimeMock({ baseUrl })`
   */
  realtime?: RealtimeMock | false;
}

/** Options of `mockAnswer`. */
export interface AnswerOptions {
  /**
   * A documented status to answer instead of the first success (what `x-mock-status` selects).
   * @default the lowest documented 2xx
   */
  status?: number;
  /**
   * The request's `Accept` header, to pick among several documented content types.
   * @default the first documented content type
   */
  accept?: string;
}

/** An operation part of which msw cannot mock, and why. */
export interface UnmockableOperation {
  /** The operation. */
  operationId: OperationId;
  /** The documented status the mock cannot give (101 for a WebSocket upgrade). */
  status: number;
  /** Why, and what the mock answers instead. */
  reason: string;
}

/** A user present on a realtime channel (the AsyncAPI `PresenceUser`). */
export type RealtimePresenceUser = PresenceUser;

/** A frame the realtime mock sends, as spec/asyncapi.yaml describes the server's. */
export type RealtimeFrame = ServerFrame;

/** A row change a test pushes to the realtime mock's `db:<table>` subscribers. */
export interface MockChange {
  /** The table (the channel is `db:<table>`). */
  table: string;
  /** The change kind. */
  event: DbChangeFrame['event'];
  /** The row after the change; for a DELETE, the row as it was. Filters are checked against it. */
  record: Record<string, unknown>;
  /** The row before an UPDATE (sent only with UPDATE). */
  old_record?: Record<string, unknown>;
}

/** Options of `createRealtimeMock`. */
export interface RealtimeMockOptions {
  /**
   * The origin (and optional prefix) of the API; the socket is `ws(s)://…/realtime` there.
   * @default 'http://localhost:54321'
   */
  baseUrl?: string;
  /**
   * The tables whose `db:<table>` channels exist; a subscription to another gets NOT_FOUND.
   * @default undefined (every table exists)
   */
  tables?: readonly string[];
  /**
   * Who a `?token=` stands for (presence shows them); undefined refuses the token (an error
   * frame UNAUTHENTICATED, then close 4001).
   * @default the JWT's `sub` (a uuid) and `email`, read without checking the signature
   */
  identify?: (token: string) => { user_id: string; email?: string } | undefined;
}

/** The realtime WebSocket mock: an msw `ws` handler and the test's controls. */
export interface RealtimeMock {
  /** The msw handler of `ws(s)://…/realtime`; give it to `setupServer`/`setupWorker` (the create functions do). */
  readonly handler: WebSocketHandler;
  /** Sends a `db_change` to the subscribers of `db:<table>` whose filter the row passes; answers how many. */
  emitChange(change: MockChange): number;
  /** Sends a `broadcast` frame to a channel's subscribers, as `POST /realtime/broadcast` does; answers how many. */
  broadcast(channel: string, event: string, payload: unknown): number;
  /** Sends a `message` frame (as a server function would publish) to a channel's subscribers; answers how many. */
  publish(channel: string, event: string, payload: unknown): number;
  /** Closes every open mock connection with `code` (1001, as a server shutting down, unless told). */
  closeAll(code?: number): void;
}
