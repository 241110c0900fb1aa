/**
 * Answers ready to send, computed once per operation and request facts: the handlers and the
 * standalone server both answer from here, so neither re-derives examples, clones them or
 * encodes JSON per request (answers are deterministic: the same facts get the same answer).
 */
import type { MockAnswer } from '../types';
import { answerRequest, type RequestFacts } from './answer-request';
import { encodeBody } from './encode-body';
import type { SpecOperation } from './spec-operations';

/** A mock answer with its body encoded: what goes on the wire. Shared between requests: never mutate it. */
export interface PreparedAnswer {
  status: number;
  headers: Readonly<Record<string, string>>;
  /** The encoded body; `null` for none. */
  bytes: Uint8Array | null;
  /** `headers` as Node writes them, flat name, value pairs, with the `Content-Length` of `bytes`. */
  wireHeaders: readonly string[];
}

/** Facts a client controls (`Accept`, `x-mock-status`) could grow a cache without end: past this many per operation, answers are computed, not kept. */
const KEPT_PER_OPERATION = 64;

const prepared = new WeakMap<SpecOperation, Map<string, PreparedAnswer>>();

/** `answer` with its body encoded as its `Content-Type` says. */
export function prepareAnswer({ status, headers, body }: MockAnswer): PreparedAnswer {
  const bytes = encodeBody(body, headers['Content-Type']);
  return { status, headers, bytes, wireHeaders: wireHeaders(status, headers, bytes) };
}

function wireHeaders(status: number, headers: Record<string, string>, bytes: Uint8Array | null): string[] {
  const wire = Object.entries(headers).flat();
  const bodiless = status === 204 || status === 304;
  if (!bodiless && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-length'))
    wire.push('Content-Length', String(bytes?.length ?? 0));
  return wire;
}

/** `answerRequest(doc, op, facts)`, prepared, from the cache of `op` when these facts were seen before. */
export function preparedAnswer(doc: object, op: SpecOperation, facts: RequestFacts): PreparedAnswer {
  let answers = prepared.get(op);
  if (!answers) {
    answers = new Map();
    prepared.set(op, answers);
  }
  const key = factsKey(facts);
  let answer = answers.get(key);
  if (!answer) {
    answer = prepareAnswer(answerRequest(doc, op, facts));
    if (answers.size < KEPT_PER_OPERATION) answers.set(key, answer);
  }
  return answer;
}

/** One string per distinct facts; header values hold no line breaks, so `\n` separates them. */
function factsKey({ scenario, accept, credential, upgrade }: RequestFacts): string {
  const asked = scenario === null || scenario === undefined ? '-' : `=${scenario}`;
  return `${credential ? 1 : 0}${upgrade ? 1 : 0}${asked}\n${accept ?? ''}`;
}
