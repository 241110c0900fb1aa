import type { MockAnswer } from '../types';
import { encodeBody } from './encode-body';

/** A fetch `Response` carrying a mock answer. */
export function toResponse(answer: MockAnswer): Response {
  const body = encodeBody(answer.body, answer.headers['Content-Type']);
  return new Response(body as BodyInit | null, { status: answer.status, headers: answer.headers });
}
