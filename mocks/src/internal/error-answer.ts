import type { MockAnswer } from '../types';

/** An answer with the spec's one error body: `{ message, code, status }` (plus `details` when given). */
export function errorAnswer(status: number, code: string, message: string, details?: unknown[]): MockAnswer {
  const body = details ? { message, code, status, details } : { message, code, status };
  return { status, headers: { 'Content-Type': 'application/json' }, body };
}
