/**
 * Reads one probe answer: does the backend serve this route? The heuristic is documented in
 * the README ("How `--backend` decides"). A null verdict means "this answer does not tell".
 */
import { errorCode, isRouteUnknownCode, routeUnknown } from '../spec/error-body';

/** What a probe got back (the body is read for GET and OPTIONS, empty for HEAD). */
export type ProbeAnswer = { status: number; allow: string[] | null; body: string };

/** Whether the route is served (null: cannot tell), and why. */
export type Verdict = { served: boolean | null; note: string };

const NOT_FOUND_STATUSES = new Set([404, 405, 410, 501]);
const UNAVAILABLE_STATUSES = new Set([502, 503, 504]);

/** Judges an OPTIONS answer. `perRoute`: the backend was seen to answer OPTIONS route by route. */
export function judgeOptions(
  method: string,
  answer: ProbeAnswer,
  unknown: ProbeAnswer | null,
  perRoute: boolean,
): Verdict | null {
  const tag = `OPTIONS ${answer.status}`;
  if (answer.allow) return allowVerdict(method, answer.allow, tag);
  if (UNAVAILABLE_STATUSES.has(answer.status)) return { served: null, note: `${tag}: backend unavailable` };
  if (isSuccess(answer.status)) return unknown && isSuccess(unknown.status) ? null : { served: true, note: tag };
  if (NOT_FOUND_STATUSES.has(answer.status)) {
    return perRoute && (routeUnknown(answer) || (unknown && sameAnswer(answer, unknown)))
      ? { served: false, note: `${tag}: route unknown` }
      : null;
  }
  return unknown && sameAnswer(answer, unknown) ? null : { served: true, note: tag };
}

/** Judges a HEAD or GET answer for a GET route. */
export function judgeGet(probe: 'HEAD' | 'GET', answer: ProbeAnswer, unknown: ProbeAnswer | null): Verdict | null {
  const tag = `${probe} ${answer.status}`;
  const status = answer.status;
  if (UNAVAILABLE_STATUSES.has(status)) return { served: null, note: `${tag}: backend unavailable` };
  if (status === 405 && answer.allow) return allowVerdict('GET', answer.allow, tag);
  if (probe === 'HEAD') {
    if (NOT_FOUND_STATUSES.has(status) || (unknown && unknown.status === status)) return null;
    return { served: true, note: tag };
  }
  if (unknown && sameAnswer(answer, unknown)) {
    if (isSuccess(status) || NOT_FOUND_STATUSES.has(status))
      return { served: false, note: `${tag}: same answer as an unknown path` };
    return { served: null, note: `${tag}: the backend answers unknown paths the same way` };
  }
  if (routeUnknown(answer)) return { served: false, note: `${tag}: route unknown` };
  if (status === 404 || status === 410) {
    const code = errorCode(answer.body);
    return code
      ? { served: true, note: `${tag} from the route (${code})` }
      : { served: false, note: `${tag} without a route-level error` };
  }
  if (status === 405) return { served: false, note: `${tag}: method not allowed` };
  if (status === 501) return { served: false, note: `${tag}: registered but not implemented` };
  return { served: true, note: tag };
}

/**
 * Judges a HEAD answer for a route whose method is not GET (HEAD is safe to send to any path).
 * A 405 whose Allow lists the method means served; a 404 means not served when it says the
 * route is unknown, or when the unknown path got a 404 too and the backend names unknown
 * routes by code (a HEAD answer has no body to read the code from). That last reading is not
 * made when the path also has a GET route (`pathHasGet`), whose handler may answer 404 for a
 * missing resource.
 */
export function judgeHead(
  method: string,
  answer: ProbeAnswer,
  unknownHead: ProbeAnswer | null,
  unknownGet: ProbeAnswer | null,
  pathHasGet = false,
): Verdict | null {
  const tag = `HEAD ${answer.status}`;
  if (UNAVAILABLE_STATUSES.has(answer.status)) return { served: null, note: `${tag}: backend unavailable` };
  if (answer.status === 405 && answer.allow) return allowVerdict(method, answer.allow, tag);
  if (answer.status !== 404) return null;
  if (routeUnknown(answer)) return { served: false, note: `${tag}: route unknown` };
  const code = unknownGet ? errorCode(unknownGet.body) : null;
  if (!pathHasGet && unknownHead?.status === 404 && code && isRouteUnknownCode(code))
    return { served: false, note: `${tag}, as for an unknown path (${code})` };
  return null;
}

function allowVerdict(method: string, allow: string[], tag: string): Verdict {
  const served = allow.includes(method) || (method === 'HEAD' && allow.includes('GET'));
  return { served, note: `${tag}, Allow: ${allow.join(', ')}` };
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 400;
}

/** Whether two answers are the same apart from the path they name (the unknown-path signature). */
export function sameAnswer(a: ProbeAnswer, b: ProbeAnswer): boolean {
  if (a.status !== b.status) return false;
  const codeA = errorCode(a.body);
  if (codeA || errorCode(b.body)) return codeA === errorCode(b.body);
  return signature(a.body) === signature(b.body);
}

function signature(body: string): string {
  return body.replace(/\/[^\s"'<]*/g, '/…').slice(0, 2_000);
}
