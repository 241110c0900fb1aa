/**
 * What an answer means for each kind of check. A positive case must get a documented answer
 * with a valid body (a documented 4xx is a warning, a documented 501 "not implemented"); a
 * negative case a documented 4xx; an auth case the status the security scheme calls for. Any
 * 5xx but a documented 501 or 503, a crash, or an undocumented status fails: the server broke
 * the spec. Where the spec cannot decide (a 4xx to a request the tool broke when the operation
 * documents no status for invalid input; the 401 or 403 its security calls for but it does not
 * list), the verdict is a spec gap. A request with no answer in time leaves the tool unsure.
 */
import type { Judge, Reading } from './judge';
import type { ContractOperation, HttpAnswer, Outcome } from './types';

/** The outcome of one check, with the sentence that explains it. */
export type Verdict = {
  outcome: Outcome;
  message?: string;
  warning?: string;
  status?: number;
  /** The route is unknown to the target, or the target cannot be reached: the operation's other checks are not run. */
  stop?: boolean;
};

/** `signIn: POST /auth/login`. */
export function label(op: ContractOperation): string {
  return `${op.operationId}: ${op.method.toUpperCase()} ${op.path}`;
}

function statusText(answer: HttpAnswer, reading: Reading): string {
  return reading.code ? `${answer.status} ${reading.code}` : String(answer.status);
}

/** Says why an undocumented status is a gap in the spec rather than a fault of the server, or null. */
type GapReason = (status: number) => string | null;

/** The failures every kind of check shares, or null when the answer is documented and well-formed. */
function commonFailure(
  judge: Judge,
  op: ContractOperation,
  answer: HttpAnswer,
  reading: Reading,
  gap: GapReason = () => null,
): Verdict | null {
  const status = answer.status;
  if (answer.error && answer.timedOut) return { outcome: 'unsure', message: `${label(op)}: ${answer.error}` };
  if (answer.error) return { ...fail(`${label(op)} failed: ${answer.error}`, status), stop: true };
  if (reading.notServed)
    return { ...fail(`${label(op)} not served (${statusText(answer, reading)})`, status), stop: true };
  const why = reading.documented ? null : gap(status);
  if (why)
    return { outcome: 'spec-gap', message: `${label(op)} answered ${statusText(answer, reading)}: ${why}`, status };
  if (!reading.documented) {
    const documented = judge.documentedStatuses(op).join(', ');
    const said = reading.message ? `: ${reading.message}` : '';
    return fail(`${label(op)} answered ${statusText(answer, reading)}${said}; documented: ${documented}`, status);
  }
  if (status >= 500 && status !== 501 && status !== 503) {
    return fail(`${label(op)} answered ${statusText(answer, reading)}${reading.message ? `: ${reading.message}` : ''}`);
  }
  if (reading.problems.length > 0) return fail(`${op.operationId} ${status}: ${reading.problems.join('; ')}`, status);
  return null;
}

function fail(message: string, status?: number): Verdict {
  return { outcome: 'failed', message, status };
}

function notImplemented(answer: HttpAnswer, reading: Reading): Verdict {
  const why = reading.message ? `: ${reading.message}` : '';
  return { outcome: 'not-implemented', message: `${statusText(answer, reading)}${why}`, status: answer.status };
}

function passed(answer: HttpAnswer, reading: Reading, warning?: string): Verdict {
  const note = [warning, reading.note].filter(Boolean).join('; ');
  return { outcome: 'passed', status: answer.status, ...(note ? { warning: note } : {}) };
}

/** Whether the operation documents a status an invalid request could get: 400, 422, `4XX` or `default`. */
export function documentsInvalidInput(judge: Judge, op: ContractOperation): boolean {
  return judge.documentedStatuses(op).some((s) => ['400', '422', '4XX', '4xx', 'default'].includes(s));
}

/** Whether the operation documents any 4xx (or a default answer). */
function documentsAny4xx(judge: Judge, op: ContractOperation): boolean {
  return judge.documentedStatuses(op).some((s) => s.startsWith('4') || s === 'default');
}

/** A request built from the spec's schemas and examples, which the target should accept. */
export function judgePositive(judge: Judge, op: ContractOperation, answer: HttpAnswer): Verdict {
  const reading = judge.read(op, answer);
  const gap: GapReason = (status) =>
    status >= 400 && status < 500 && !documentsAny4xx(judge, op)
      ? 'the tool made this request up and the spec documents no 4xx, so it cannot say whether it should be refused'
      : null;
  const failure = commonFailure(judge, op, answer, reading, gap);
  if (failure) return failure;
  if (answer.status === 501) return notImplemented(answer, reading);
  if (answer.status >= 400) {
    const said = reading.message ? `: ${reading.message}` : '';
    return passed(answer, reading, `${op.operationId} answered ${statusText(answer, reading)}${said}`);
  }
  return passed(answer, reading);
}

/** An invalid request (`what` says how), which the target must refuse with a documented 4xx. */
export function judgeNegative(judge: Judge, op: ContractOperation, answer: HttpAnswer, what: string): Verdict {
  const reading = judge.read(op, answer);
  const reached = !answer.error && !reading.notServed;
  if (reached && answer.status < 400)
    return fail(`${op.operationId}: accepted ${what} (${answer.status})`, answer.status);
  if (reached && answer.status >= 500 && answer.status !== 501)
    return fail(`${label(op)} answered ${statusText(answer, reading)} to ${what}`, answer.status);
  const gap: GapReason = (status) =>
    status >= 400 && status < 500 && !documentsInvalidInput(judge, op)
      ? `refused ${what}, but the spec documents no status for invalid input (400, 422, 4XX or default)`
      : null;
  const failure = commonFailure(judge, op, answer, reading, gap);
  if (failure) return failure;
  if (answer.status === 501) return notImplemented(answer, reading);
  return passed(answer, reading);
}

/** A call the security scheme must refuse with `expected` (401 without or with a bad credential, 403 for a role). */
export function judgeRefusal(
  judge: Judge,
  op: ContractOperation,
  answer: HttpAnswer,
  expected: 401 | 403,
  what: string,
  security: string,
): Verdict {
  const reading = judge.read(op, answer);
  if (!answer.error && !reading.notServed && answer.status >= 200 && answer.status < 400)
    return fail(`${op.operationId}: answered ${answer.status} to ${what}; its security requires ${security}`);
  const gap: GapReason = (status) =>
    status === expected
      ? `${expected} to ${what}, as its security requires, but the spec does not list ${expected}`
      : null;
  const failure = commonFailure(judge, op, answer, reading, gap);
  if (failure) return failure;
  if (answer.status === 501) return notImplemented(answer, reading);
  if (answer.status !== expected)
    return fail(`${op.operationId}: answered ${statusText(answer, reading)} to ${what}, expected ${expected}`);
  return passed(answer, reading);
}

/** A call with credentials meeting one of the operation's requirements: it must not be refused. */
export function judgeAccepted(judge: Judge, op: ContractOperation, answer: HttpAnswer, what: string): Verdict {
  const reading = judge.read(op, answer);
  if (answer.status === 401 || answer.status === 403)
    return fail(`${op.operationId}: refused ${what} (${statusText(answer, reading)})`, answer.status);
  return judgePositive(judge, op, answer);
}
