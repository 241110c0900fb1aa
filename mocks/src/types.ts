/**
 * The public types of the mocks: options of `createHandlers`, the answer a mock gives,
 * and the override hook.
 */
import type { OperationId } from '@lockstep/contract';

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
