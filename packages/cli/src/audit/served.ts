/**
 * Asks a live backend, without side effects, whether it serves each route: OPTIONS for every
 * route, then HEAD and GET for GET routes, HEAD for the others. No route is ever sent its own
 * unsafe method.
 */
import { randomUUID } from 'node:crypto';
import { judgeGet, judgeHead, judgeOptions, type ProbeAnswer, type Verdict } from './served-verdict';

/** Stands in for every `{}` in a probed path: harmless, and valid where a UUID is expected. */
export const PLACEHOLDER = '00000000-0000-0000-0000-000000000000';

/** A route to probe: method and path template. */
export type Route = { method: string; path: string };

/** How to probe. */
export type ProbeOptions = {
  /** Per request. @default 5000 */
  timeoutMs?: number;
  /** Requests in flight at once. @default 8 */
  concurrency?: number;
};

type Answer = ProbeAnswer | { error: string };

/** Probes every distinct route once; the result is keyed `METHOD path`. */
export async function checkServed(
  backend: string,
  routes: Route[],
  options: ProbeOptions = {},
): Promise<Map<string, Verdict>> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const unique = [...new Map(routes.map((r) => [routeKey(r), r])).values()];
  const probe = (method: string, path: string) => request(backend, method, path, timeoutMs);
  const unknownPath = `/__lockstep_audit_${randomUUID().slice(0, 8)}__/probe`;
  const unknownOptions = answerOrNull(await probe('OPTIONS', unknownPath));
  const unknownGet = answerOrNull(await probe('GET', unknownPath));
  const unknownHead = answerOrNull(await probe('HEAD', unknownPath));
  const options1 = await pool(unique, options.concurrency ?? 8, (r) => probe('OPTIONS', concrete(r.path)));
  const perRoute = answersOptionsPerRoute(options1, unknownOptions);
  const verdicts = await pool(unique, options.concurrency ?? 8, async (route, i) => {
    const first = options1[i];
    if ('error' in first) return { served: null, note: `OPTIONS: ${first.error}` };
    const fromOptions = judgeOptions(route.method, first, unknownOptions, perRoute);
    if (fromOptions) return fromOptions;
    if (route.method !== 'GET') {
      const head = await probe('HEAD', concrete(route.path));
      if ('error' in head) return { served: null, note: `HEAD: ${head.error}` };
      const pathHasGet = unique.some((r) => r.method === 'GET' && r.path === route.path);
      const verdict = judgeHead(route.method, head, unknownHead, unknownGet, pathHasGet);
      return verdict ?? { served: null, note: undecidedNote(first, head) };
    }
    for (const method of ['HEAD', 'GET'] as const) {
      const answer = await probe(method, concrete(route.path));
      if ('error' in answer) return { served: null, note: `${method}: ${answer.error}` };
      const verdict = judgeGet(method, answer, unknownGet);
      if (verdict) return verdict;
    }
    return { served: null, note: 'no probe answer tells' };
  });
  return new Map(unique.map((r, i) => [routeKey(r), verdicts[i]]));
}

/** The key `checkServed` files a route under. */
export function routeKey(route: Route): string {
  return `${route.method} ${route.path}`;
}

/** Whether some OPTIONS answer was about its route: an Allow header, or a success where unknown paths fail. */
function answersOptionsPerRoute(answers: Answer[], unknown: ProbeAnswer | null): boolean {
  return answers.some(
    (a) => !('error' in a) && (a.allow !== null || (unknown !== null && unknown.status >= 400 && a.status < 300)),
  );
}

function undecidedNote(first: ProbeAnswer, head: ProbeAnswer): string {
  const why = first.status < 300 ? 'is the same for any path (CORS)' : 'is not answered route by route here';
  return `OPTIONS ${first.status} ${why}, HEAD ${head.status} does not tell; a non-GET route is never sent its own method`;
}

/** A path template with every `{}` filled with the placeholder. */
export function concrete(path: string): string {
  return path.split('{}').join(PLACEHOLDER);
}

function answerOrNull(answer: Answer): ProbeAnswer | null {
  return 'error' in answer ? null : answer;
}

async function request(backend: string, method: string, path: string, timeoutMs: number): Promise<Answer> {
  const base = new URL(backend);
  const url = new URL(`${base.pathname.replace(/\/$/, '')}${path}`, base);
  try {
    const response = await fetch(url, { method, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    const body = method === 'HEAD' ? '' : (await response.text()).slice(0, 16_384);
    const allowHeader = response.headers.get('allow');
    const allow = allowHeader
      ? allowHeader
          .split(',')
          .map((m) => m.trim().toUpperCase())
          .filter(Boolean)
      : null;
    return { status: response.status, allow, body };
  } catch (error) {
    const err = error as Error & { cause?: { code?: string } };
    if (err.name === 'TimeoutError') return { error: `timed out after ${timeoutMs} ms` };
    return { error: err.cause?.code ?? err.message };
  }
}

async function pool<T, R>(items: T[], size: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return results;
}
