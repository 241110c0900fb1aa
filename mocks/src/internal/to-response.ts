import type { MockAnswer } from '../types';
import { type PreparedAnswer, prepareAnswer } from './prepared-answer';

/** A fetch `Response` carrying a mock answer. */
export function toResponse(answer: MockAnswer): Response {
  return preparedResponse(prepareAnswer(answer));
}

/** A fetch `Response` carrying a prepared answer (the `Response` copies its bytes and headers). */
export function preparedResponse({ status, headers, bytes }: PreparedAnswer): Response {
  return new Response(bytes as BodyInit | null, { status, headers });
}
