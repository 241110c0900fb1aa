import type { MockAnswer } from '../types';
import { answerFor } from './answer-for';
import { defaultStatus } from './default-status';
import { errorAnswer } from './error-answer';
import { carriesCredential, type HeaderReader, needsCredential } from './has-credential';
import { socketMockOf } from './socket-mocks';
import type { SpecOperation } from './spec-operations';
import { upgradeStatus } from './upgrade-status';

/** The request header that selects a documented status, as `x-mock-status: 404`. */
export const MOCK_STATUS_HEADER = 'x-mock-status';

/** What of a request decides the mock's answer. */
export interface RequestFacts {
  /** The `x-mock-status` header, if sent. */
  scenario?: string | null;
  /** The `Accept` header, if sent. */
  accept?: string;
  /** Whether it carries `Authorization` or `apikey`. */
  credential: boolean;
  /** Whether it asks for a WebSocket (`Upgrade: websocket`). */
  upgrade: boolean;
}

/** The facts of a request the mock answers on. */
export function requestFacts(request: Request): RequestFacts {
  return factsFrom((name) => request.headers.get(name));
}

/** The facts read through any header reader (the standalone server reads Node's raw headers). */
export function factsFrom(header: HeaderReader): RequestFacts {
  return {
    scenario: header(MOCK_STATUS_HEADER) ?? null,
    accept: header('accept') ?? undefined,
    credential: carriesCredential(header),
    upgrade: header('upgrade')?.toLowerCase() === 'websocket',
  };
}

/**
 * What the mock answers, in the server's order: a scenario the request asks for, else 401
 * without a needed credential, else 501 for a WebSocket upgrade, else the default answer.
 */
export function answerRequest(doc: object, op: SpecOperation, facts: RequestFacts): MockAnswer {
  if (facts.scenario !== null && facts.scenario !== undefined) {
    return scenarioAnswer(doc, op, facts.scenario.trim(), facts.accept);
  }
  if (needsCredential(op.access) && !facts.credential) {
    return errorAnswer(401, 'UNAUTHENTICATED', 'Sign in first: send `Authorization: Bearer <token>` or `apikey`.');
  }
  if (facts.upgrade && upgradeStatus(op.operation.responses)) return upgradeAnswer(op);
  const status = defaultStatus(op.operation.responses ?? {});
  return status ? answerFor(doc, op, status, facts.accept) : upgradeAnswer(op);
}

function scenarioAnswer(doc: object, op: SpecOperation, value: string, accept?: string): MockAnswer {
  const documented = Object.keys(op.operation.responses ?? {}).filter((code) => /^\d{3}$/.test(code));
  if (!documented.includes(value)) {
    const message = `${MOCK_STATUS_HEADER}: ${value} is not a documented status of ${op.operationId}`;
    const details = [{ field: `header.${MOCK_STATUS_HEADER}`, message: `must be one of ${documented.join(', ')}` }];
    return errorAnswer(400, 'VALIDATION_FAILED', message, details);
  }
  return Number(value) < 200 ? upgradeAnswer(op) : answerFor(doc, op, Number(value), accept);
}

function upgradeAnswer(op: SpecOperation): MockAnswer {
  const socket = socketMockOf(op.operationId);
  const instead = socket ? `; open a WebSocket instead, which ${socket.split(' ')[0]} answers` : '';
  const message = `The mock cannot switch protocols for ${op.operationId}: msw's http handlers answer through fetch${instead}.`;
  return errorAnswer(501, 'NOT_IMPLEMENTED', message);
}
