/** Reads error bodies: their `code`, their message, and whether they say the route itself is unknown. */

/** What a server answered: its status and body text (enough to read an error). */
export type AnswerBody = { status: number; body: string };

const ROUTE_UNKNOWN_CODES = new Set([
  'ROUTE_NOT_FOUND',
  'ROUTE_UNKNOWN',
  'UNKNOWN_ROUTE',
  'NO_ROUTE',
  'ENDPOINT_NOT_FOUND',
  'PATH_NOT_FOUND',
  'FST_ERR_NOT_FOUND',
]);
const ROUTE_UNKNOWN_TEXT = [
  /cannot (get|head|post|put|patch|delete|options) \//i,
  /\broute\b.*\bnot found\b/i,
  /\bno route\b/i,
  /^\s*404:? (page )?not found\s*$/i,
  /<(title|h1)>\s*(404 )?not found\s*<\/(title|h1)>/i,
];
/** Whether an error `code` names an unknown route (`ROUTE_NOT_FOUND`, Fastify's `FST_ERR_NOT_FOUND`, …). */
export function isRouteUnknownCode(code: string): boolean {
  return ROUTE_UNKNOWN_CODES.has(code.toUpperCase());
}

/** Whether a body says the route itself is unknown (not a resource behind it). */
export function routeUnknown(answer: AnswerBody): boolean {
  const code = errorCode(answer.body);
  if (code && isRouteUnknownCode(code)) return true;
  const text = jsonMessage(answer.body) ?? answer.body;
  return ROUTE_UNKNOWN_TEXT.some((re) => re.test(text.slice(0, 2_000)));
}

/** The `code` of a JSON error body (`{code}` or `{error: {code}}`), if any. */
export function errorCode(body: string): string | null {
  const json = parseJson(body);
  const code = json?.code ?? json?.error?.code ?? json?.errorCode;
  return typeof code === 'string' && code !== '' ? code : null;
}

function jsonMessage(body: string): string | null {
  const json = parseJson(body);
  const message = json?.message ?? json?.error?.message ?? json?.error;
  return typeof message === 'string' ? message : null;
}

function parseJson(body: string): any {
  const trimmed = body.trimStart();
  if (!trimmed.startsWith('{')) return null;
  try {
    return JSON.parse(trimmed);
  } catch {
    return null;
  }
}
