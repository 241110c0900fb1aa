import type { components } from '@lockstep/contract';

/** The one error body every error response of the API carries. */
export type ErrorBody = components['schemas']['Error'];

/** A code of the API's error catalogue, or `UNEXPECTED_RESPONSE` when the body was not an error body. */
export type LockstepErrorCode = components['schemas']['ErrorCode'] | 'UNEXPECTED_RESPONSE';

const ERROR_BRAND = Symbol.for('lockstep.error');
const NETWORK_ERROR_BRAND = Symbol.for('lockstep.network-error');

/**
 * An HTTP error answered by the API, returned (never thrown) as `error` of a call's result.
 * @example
 * const { data, error } = await client.auth.getUser();
 * if (error?.code === 'TOKEN_EXPIRED') console.log('sign in again');
 */
export class LockstepError extends Error {
  /** The brand `isLockstepError()` checks; survives bundling twice, unlike `instanceof`. */
  readonly [ERROR_BRAND] = true;
  /** The stable error code of the catalogue. */
  readonly code: LockstepErrorCode;
  /** The HTTP status. */
  readonly status: number;
  /** Extra data for the code; for `VALIDATION_FAILED`, the offending fields. */
  readonly details: ErrorBody['details'];
  /** The id of the request in the server's logs, when the server gave one. */
  readonly requestId: string | undefined;
  /** The error body as the server sent it (or as rebuilt from an unexpected answer). */
  readonly body: ErrorBody | { message: string; code: 'UNEXPECTED_RESPONSE'; status: number; raw?: unknown };

  constructor(body: LockstepError['body']) {
    super(body.message);
    this.name = 'LockstepError';
    this.body = body;
    this.code = body.code;
    this.status = body.status;
    this.details = 'details' in body ? body.details : undefined;
    this.requestId = 'request_id' in body ? body.request_id : undefined;
  }

  /** The error of an HTTP answer: its body when it is the API's error body, otherwise one built from the status. */
  static fromResponse(body: unknown, response: Response): LockstepError {
    if (isErrorBody(body)) return new LockstepError(body);
    const text = typeof body === 'string' ? body.trim().slice(0, 200) : '';
    const message = text || `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    return new LockstepError({ message, code: 'UNEXPECTED_RESPONSE', status: response.status, raw: body });
  }

  /** The plain error body, for logs and `JSON.stringify`. */
  toJSON(): LockstepError['body'] {
    return this.body;
  }
}

/** A request that never got an HTTP answer (DNS, refused connection, reset, CORS); thrown, never returned. */
export class LockstepNetworkError extends Error {
  /** The brand `isLockstepNetworkError()` checks. */
  readonly [NETWORK_ERROR_BRAND] = true;
  /** The method of the failed request. */
  readonly method: string;
  /** The URL of the failed request. */
  readonly url: string;

  constructor(request: Request, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`${request.method} ${request.url} failed: ${reason}`, { cause });
    this.name = 'LockstepNetworkError';
    this.method = request.method;
    this.url = request.url;
  }
}

/**
 * Whether `value` is an HTTP error of the API (a `LockstepError`), even from another copy of the SDK.
 * @example
 * if (isLockstepError(error)) console.log(error.code, error.status);
 */
export function isLockstepError(value: unknown): value is LockstepError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[ERROR_BRAND] === true;
}

/**
 * Whether `value` is a transport failure thrown by the SDK (a `LockstepNetworkError`).
 * @example
 * try { await client.health.check(); } catch (e) { if (isLockstepNetworkError(e)) console.log('offline'); }
 */
export function isLockstepNetworkError(value: unknown): value is LockstepNetworkError {
  return (
    typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[NETWORK_ERROR_BRAND] === true
  );
}

/** Whether `value` has the shape of the API's error body. */
export function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Record<string, unknown>;
  return typeof body.message === 'string' && typeof body.code === 'string' && typeof body.status === 'number';
}
