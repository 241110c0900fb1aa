/**
 * What the SDK costs per call, against a raw `fetch` and bare openapi-fetch measured in the same
 * run. Every contender talks to the same instant fake fetch (a new `Response` from a prebuilt body
 * and headers: no I/O), so the difference is the client's own work. Many short rounds run every
 * contender in turn, so that warm-up, GC and the noise of a shared machine hit all of them alike;
 * µs is the median round, a ratio the median of the per-round ratios (raw fetch is listed first,
 * openapi-fetch second). Every contender does the same job: the raw call is what a hand-written
 * client must do (read the stored token, build the URL, set the auth and content-type headers,
 * serialise the body, check `ok`, parse the JSON, store the tokens a sign-in returns), and so
 * does the openapi-fetch contender around its client.
 * Run: `npx tsx --conditions=source packages/sdk/bench/call-overhead.ts` (ROUNDS, CALLS to tune;
 * `npm run bench -- --only sdk` runs it too). Goal (issue 15): the SDK ≤ 1.10× the raw call.
 */
import type { paths } from '@lockstep/contract';
import createOpenApiClient from 'openapi-fetch';
import { createCoreClient, getCurrentUser, signIn } from '../src/core';
import { createClient } from '../src/index';
import { memoryStorage, type TokenStorage } from '../src/session/storage';

const ROUNDS = Number(process.env.ROUNDS ?? 60);
const CALLS = Number(process.env.CALLS ?? 200);
const URL_BASE = 'http://api.test';

const user = JSON.stringify({ id: 'u1', email: 'ada@example.com', role: 'user', created_at: '2026-01-01T00:00:00Z' });
const pair = JSON.stringify({ access_token: 'access-1', refresh_token: 'refresh-1', expires_in: 900 });
const jsonHeaders = { 'content-type': 'application/json' };

/** The instant fake: a fresh Response of a prebuilt body (a Response body is read once). */
function instant(body: string) {
  return async (_request: Request) => new Response(body, { status: 200, headers: jsonHeaders });
}

function signedIn() {
  const storage = memoryStorage();
  storage.setItem('access_token', 'access-1');
  storage.setItem('refresh_token', 'refresh-1');
  return storage;
}

const credentials = { email: 'ada@example.com', password: 'correct horse battery staple' };
type Contender = { name: string; call: () => Promise<unknown> };
type Tokens = { access_token: string; refresh_token?: string };

/** A hand-written client over `fetch`: what the SDK is measured against. */
function handWritten(fetch: (request: Request) => Promise<Response>, storage: TokenStorage) {
  const json = async (request: Request) => {
    const response = await fetch(request);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.json();
  };
  return {
    getUser: () =>
      json(
        new Request(`${URL_BASE}/auth/user`, {
          headers: { authorization: `Bearer ${storage.getItem('access_token')}` },
        }),
      ),
    async signIn(body: typeof credentials) {
      const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
      const tokens: Tokens = await json(new Request(`${URL_BASE}/auth/login`, init));
      storeTokens(storage, tokens);
      return tokens;
    },
  };
}

function storeTokens(storage: TokenStorage, tokens: Tokens | undefined) {
  if (!tokens) return;
  storage.setItem('access_token', tokens.access_token);
  if (tokens.refresh_token) storage.setItem('refresh_token', tokens.refresh_token);
}

function getUserContenders(): Contender[] {
  const fetch = instant(user);
  const storage = signedIn();
  const raw = handWritten(fetch, storage);
  const openapi = createOpenApiClient<paths>({ baseUrl: URL_BASE, fetch });
  const client = createClient({ url: URL_BASE, fetch, storage: signedIn() });
  const core = createCoreClient({ url: URL_BASE, fetch, storage: signedIn() });
  return [
    { name: 'raw fetch', call: () => raw.getUser() },
    {
      name: 'openapi-fetch',
      call: () =>
        openapi.GET('/auth/user', { headers: { authorization: `Bearer ${storage.getItem('access_token')}` } }),
    },
    { name: 'client.auth.getUser()', call: () => client.auth.getUser() },
    { name: 'core: call(getCurrentUser)', call: () => core.call(getCurrentUser) },
  ];
}

function signInContenders(): Contender[] {
  const fetch = instant(pair);
  const storage = memoryStorage();
  const raw = handWritten(fetch, storage);
  const openapi = createOpenApiClient<paths>({ baseUrl: URL_BASE, fetch });
  const client = createClient({ url: URL_BASE, fetch, storage: memoryStorage() });
  const core = createCoreClient({ url: URL_BASE, fetch, storage: memoryStorage() });
  return [
    { name: 'raw fetch', call: () => raw.signIn(credentials) },
    {
      name: 'openapi-fetch',
      call: async () => {
        const result = await openapi.POST('/auth/login', { body: credentials });
        storeTokens(storage, result.data);
        return result;
      },
    },
    { name: 'client.auth.signIn()', call: () => client.auth.signIn({ body: credentials }) },
    { name: 'core: call(signIn)', call: () => core.call(signIn, { body: credentials }) },
  ];
}

/** Microseconds per call over one batch of `CALLS` sequential calls. */
async function batch(contender: Contender): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < CALLS; i++) await contender.call();
  return ((performance.now() - started) * 1000) / CALLS;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

type Figures = Map<string, { us: number; vsRaw: number; vsOpenapi: number }>;

/**
 * Many short rounds, each running every contender once (in a shifted order), after a warm-up.
 * A contender's ratio is the median of its per-round ratios to the raw call of the same round:
 * paired in time, so the load of a shared machine, which drifts over seconds, cancels out.
 */
async function measure(contenders: Contender[]): Promise<Figures> {
  for (const c of contenders) for (let i = 0; i < 5; i++) await batch(c); // warm-up: JIT, caches
  const rounds = contenders.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < contenders.length; k++) {
      const i = (k + round) % contenders.length;
      rounds[i].push(await batch(contenders[i]));
    }
  }
  const ratio = (i: number, base: number) => median(rounds[i].map((us, r) => us / rounds[base][r]));
  return new Map(
    contenders.map((c, i) => [c.name, { us: median(rounds[i]), vsRaw: ratio(i, 0), vsOpenapi: ratio(i, 1) }]),
  );
}

function report(title: string, results: Figures): string[] {
  return [...results].map(
    ([name, f]) => `| ${title} | ${name} | ${f.us.toFixed(1)} | ${f.vsRaw.toFixed(2)}x | ${f.vsOpenapi.toFixed(2)}x |`,
  );
}

/** Runs every scenario and prints the table; returns the rows for `npm run bench`. */
export async function callOverhead(): Promise<{ scenario: string; contender: string; us: number; vsRaw: number }[]> {
  const scenarios: [string, Contender[]][] = [
    ['signed-in getUser (GET)', getUserContenders()],
    ['signIn (POST + store tokens)', signInContenders()],
  ];
  const lines = ['| call | contender | µs/call | vs raw fetch | vs openapi-fetch |', '| --- | --- | --- | --- | --- |'];
  const out: { scenario: string; contender: string; us: number; vsRaw: number }[] = [];
  for (const [title, contenders] of scenarios) {
    const results = await measure(contenders);
    lines.push(...report(title, results));
    for (const [contender, f] of results) out.push({ scenario: title, contender, us: f.us, vsRaw: f.vsRaw });
  }
  console.log(
    `\n== SDK call overhead (${ROUNDS} rounds × ${CALLS} calls, medians of paired rounds, instant fake fetch)`,
  );
  console.log(lines.join('\n'));
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) await callOverhead();
