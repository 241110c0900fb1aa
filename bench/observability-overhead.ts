/**
 * The cost of observability on the request path: the same in-process endpoint served by
 * two servers in one run, one with logs kept, statements timed and metrics sampled, one
 * with all of it off. Made to be read on a noisy shared machine: warm-up rounds first, then
 * interleaved rounds whose order alternates (on, off; off, on; …) so that drift and noise
 * hit both alike; each pair gives a ratio, and the cost is the median of those ratios,
 * printed with its spread (quartiles, min, max) so a reader sees how far to trust it. Each
 * round is measured twice: in wall time, and in this process's CPU time, which other
 * processes on a loaded machine barely disturb (the servers are in-process, so every cycle
 * spent answering is this process's).
 * Run: `npm run bench:observability` (goal: under 5% slower with it on).
 * `ROUNDS` (pairs, default 20), `REQUESTS` (per round, default 2000), `WARMUP` (pairs,
 * default 3), `BENCH_PATH` (default `/health/ready`), `CONCURRENCY` (default 10).
 * `BENCH_SCENARIO=row`: one row by key through `/rest/v1` as the admin (the request path of
 * a real API call: token, session, validation, a query) on bench/seed.ts's data, instead of BENCH_PATH.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../packages/server/src/app';
import { seed } from './seed';

const ROUNDS = Number(process.env.ROUNDS ?? 20);
const WARMUP = Number(process.env.WARMUP ?? 3);
const REQUESTS = Number(process.env.REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 10);
const ROW = process.env.BENCH_SCENARIO === 'row';
const PATH = ROW
  ? '/rest/v1/notes?filter[0][field]=id&filter[0][op]=eq&filter[0][value]=n4242'
  : (process.env.BENCH_PATH ?? '/health/ready');
const SETUP_TOKEN = 'bench-setup-token-0123456789';

type Fetch = (r: Request) => Response | Promise<Response>;

async function server(enabled: boolean) {
  const dataDir = mkdtempSync(join(tmpdir(), 'lockstep-bench-'));
  const app = await createApp({
    dataDir,
    logLevel: 'silent',
    jwtSecret: 'bench-secret-0123456789abcdef0123456789',
    observability: { enabled },
    setupToken: SETUP_TOKEN,
  });
  const fetch = app.fetch as Fetch;
  const headers: Record<string, string> = {};
  if (ROW) {
    const { adminToken } = await seed('http://bench.local', 'sqlite', SETUP_TOKEN, fetch);
    headers.authorization = `Bearer ${adminToken}`;
  }
  const stop = async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { fetch: (r: Request) => fetch(new Request(r, { headers })), stop };
}

/** A round's rates: requests per second of wall time, and per second of this process's CPU time. */
interface Rate {
  wall: number;
  cpu: number;
}

/** One round of `REQUESTS`, `CONCURRENCY` at a time. */
async function round(fetch: Fetch): Promise<Rate> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < REQUESTS; i += CONCURRENCY) {
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        const res = await fetch(new Request(`http://bench.local${PATH}`));
        if (!res.ok) throw new Error(`${PATH} answered ${res.status}`);
        await res.arrayBuffer();
      }),
    );
  }
  const wall = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { wall: REQUESTS / wall, cpu: REQUESTS / ((used.user + used.system) / 1e6) };
}

/** One pair of rounds, in the order given; answers [on, off]. */
async function pair(on: Fetch, off: Fetch, onFirst: boolean): Promise<[Rate, Rate]> {
  if (onFirst) {
    const a = await round(on);
    return [a, await round(off)];
  }
  const b = await round(off);
  return [await round(on), b];
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo] + (s[Math.ceil(at)] - s[lo]) * (at - lo);
};
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

const on = await server(true);
const off = await server(false);
for (let i = 0; i < WARMUP; i++) await pair(on.fetch, off.fetch, i % 2 === 0);
const pairs: [Rate, Rate][] = [];
for (let i = 0; i < ROUNDS; i++) pairs.push(await pair(on.fetch, off.fetch, i % 2 === 0));
console.log(
  `${PATH}, ${ROUNDS} interleaved pairs of ${REQUESTS} requests (${CONCURRENCY} at a time), after ${WARMUP} warm-up pairs`,
);
for (const [kind, what] of [
  ['wall', 'requests per second of wall time (what a client sees; shared-machine noise included)'],
  ['cpu', "requests per CPU-second of this process (others' load mostly excluded: the figure to trust here)"],
] as const) {
  const onRates = pairs.map(([a]) => a[kind]);
  const offRates = pairs.map(([, b]) => b[kind]);
  const costs = pairs.map(([a, b]) => 1 - a[kind] / b[kind]);
  const [a, b] = [quantile(onRates, 0.5), quantile(offRates, 0.5)];
  console.log(`${kind}: ${what}`);
  console.log(`  median: observability on ${a.toFixed(0)}, off ${b.toFixed(0)}, ratio on/off ${(a / b).toFixed(3)}`);
  console.log(
    `  cost per pair: median ${pct(quantile(costs, 0.5))}, quartiles ${pct(quantile(costs, 0.25))} .. ${pct(quantile(costs, 0.75))}, min ${pct(Math.min(...costs))}, max ${pct(Math.max(...costs))}`,
  );
}
await on.stop();
await off.stop();
