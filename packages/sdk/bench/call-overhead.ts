/**
 * What the SDK costs per call, against a raw `fetch` and bare openapi-fetch measured in the same
 * run. Every contender talks to the same instant fake fetch (a new `Response` from a prebuilt body
 * and headers: no I/O), so the difference is the client's own work. Rounds alternate between the
 * contenders so that warm-up, GC and the noise of a shared machine hit all of them alike; each
 * figure is the median round.
 * Run: `npx tsx --conditions=source packages/sdk/bench/call-overhead.ts` (ROUNDS, CALLS to tune;
 * `npm run bench -- --only sdk` runs it too). Goal (issue 15): the SDK ≤ 1.10× the raw call.
 */
import type { paths } from '@lockstep/contract';
import createOpenApiClient from 'openapi-fetch';
import { createCoreClient, getCurrentUser, signIn } from '../src/core';
import { createClient } from '../src/index';
import { memoryStorage } from '../src/session/storage';

const ROUNDS = Number(process.env.ROUNDS ?? 11);
const CALLS = Number(process.env.CALLS ?? 1000);
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

function getUserContenders(): Contender[] {
  const fetch = instant(user);
  const openapi = createOpenApiClient<paths>({ baseUrl: URL_BASE, fetch });
  const client = createClient({ url: URL_BASE, fetch, storage: signedIn() });
  const core = createCoreClient({ url: URL_BASE, fetch, storage: signedIn() });
  return [
    {
      name: 'raw fetch',
      call: async () =>
        (await fetch(new Request(`${URL_BASE}/auth/user`, { headers: { authorization: 'Bearer access-1' } }))).json(),
    },
    { name: 'openapi-fetch', call: () => openapi.GET('/auth/user', { headers: { authorization: 'Bearer access-1' } }) },
    { name: 'client.auth.getUser()', call: () => client.auth.getUser() },
    { name: 'core: call(getCurrentUser)', call: () => core.call(getCurrentUser) },
  ];
}

function signInContenders(): Contender[] {
  const fetch = instant(pair);
  const openapi = createOpenApiClient<paths>({ baseUrl: URL_BASE, fetch });
  const client = createClient({ url: URL_BASE, fetch, storage: memoryStorage() });
  const core = createCoreClient({ url: URL_BASE, fetch, storage: memoryStorage() });
  return [
    {
      name: 'raw fetch',
      call: async () => {
        const init = { method: 'POST', headers: jsonHeaders, body: JSON.stringify(credentials) };
        return (await fetch(new Request(`${URL_BASE}/auth/login`, init))).json();
      },
    },
    { name: 'openapi-fetch', call: () => openapi.POST('/auth/login', { body: credentials }) },
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

/** Median µs per call of each contender, in alternating rounds after a warm-up. */
async function measure(contenders: Contender[]): Promise<Map<string, number>> {
  for (const c of contenders) for (let i = 0; i < 3; i++) await batch(c); // warm-up: JIT, caches
  const times = new Map(contenders.map((c) => [c.name, [] as number[]]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const c of round % 2 ? [...contenders].reverse() : contenders) times.get(c.name)?.push(await batch(c));
  }
  return new Map([...times].map(([name, xs]) => [name, median(xs)]));
}

function report(title: string, results: Map<string, number>): string[] {
  const raw = results.get('raw fetch') ?? Number.NaN;
  const openapi = results.get('openapi-fetch') ?? Number.NaN;
  const rows = [...results].map(
    ([name, us]) =>
      `| ${title} | ${name} | ${us.toFixed(1)} | ${(us / raw).toFixed(2)}x | ${(us / openapi).toFixed(2)}x |`,
  );
  return rows;
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
    const raw = results.get('raw fetch') ?? Number.NaN;
    for (const [contender, us] of results) out.push({ scenario: title, contender, us, vsRaw: us / raw });
  }
  console.log(`\n== SDK call overhead (${ROUNDS} rounds × ${CALLS} calls, median round, instant fake fetch)`);
  console.log(lines.join('\n'));
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) await callOverhead();
