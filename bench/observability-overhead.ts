/**
 * The cost of observability on the request path: the same in-process endpoint served by
 * two servers in one run, one with logs kept, statements timed and metrics sampled, one
 * with all of it off. Made to be read on a noisy shared machine: warm-up rounds first, then
 * interleaved rounds whose order alternates (on, off; off, on; …) so that drift and noise
 * hit both alike; each pair gives a ratio, and the cost is the median of those ratios,
 * printed with its spread (quartiles, min, max) so a reader sees how far to trust it. Each
 * round is measured three ways: in wall time; in this process's CPU time, which other
 * processes on a loaded machine barely disturb (the servers are in-process, so every cycle
 * spent answering is this process's, the log writer thread's included); and, on Linux, in
 * the CPU time of the main thread alone (`/proc/self/task/<pid>/schedstat`), the one thread
 * that answers requests, which bounds throughput when the machine has a core to spare for
 * the log writer thread. The 99th percentile of request latency is printed too.
 * Run: `npm run bench:observability` (goal: under 5% slower with it on).
 * `ROUNDS` (pairs, default 20), `REQUESTS` (per round, default 2000), `WARMUP` (pairs,
 * default 3), `BENCH_PATH` (default `/health/ready`), `CONCURRENCY` (default 10).
 * `BENCH_SCENARIO=row`: one row by key through `/rest/v1` as the admin (the request path of
 * a real API call: token, session, validation, a query) on bench/seed.ts's data, instead of BENCH_PATH.
 * `BENCH_SCENARIO=insert`: one row inserted through `/rest/v1` as the admin (writes that
 * share SQLite's one write lock with the log writer thread).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../packages/server/src/app';
import { seed } from './seed';

const ROUNDS = Number(process.env.ROUNDS ?? 20);
const WARMUP = Number(process.env.WARMUP ?? 3);
const REQUESTS = Number(process.env.REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 10);
const SCENARIO = process.env.BENCH_SCENARIO;
const SEEDED = SCENARIO === 'row' || SCENARIO === 'insert';
const PATH =
  SCENARIO === 'row'
    ? '/rest/v1/notes?filter[0][field]=id&filter[0][op]=eq&filter[0][value]=n4242'
    : SCENARIO === 'insert'
      ? '/rest/v1/events'
      : (process.env.BENCH_PATH ?? '/health/ready');
const INIT: RequestInit =
  SCENARIO === 'insert'
    ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":"hello"}' }
    : {};
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
  if (SEEDED) {
    const { adminToken } = await seed('http://bench.local', 'sqlite', SETUP_TOKEN, fetch);
    headers.authorization = `Bearer ${adminToken}`;
  }
  const stop = async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  return {
    fetch: (r: Request) => fetch(new Request(r, { headers: { ...Object.fromEntries(r.headers), ...headers } })),
    stop,
  };
}

/**
 * A round's rates: requests per second of wall time, per second of this process's CPU time,
 * and per second of the main thread's CPU time (NaN where Linux's schedstat is absent);
 * and its 99th percentile of latency in milliseconds.
 */
interface Rate {
  wall: number;
  cpu: number;
  main: number;
  p99: number;
}

/** Nanoseconds the main thread has run on a CPU, or NaN. */
function mainThreadCpuNs(): number {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]);
  } catch {
    return Number.NaN;
  }
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo] + (s[Math.ceil(at)] - s[lo]) * (at - lo);
};

/** One round of `REQUESTS`, `CONCURRENCY` at a time. */
async function round(fetch: Fetch): Promise<Rate> {
  const cpu = process.cpuUsage();
  const main = mainThreadCpuNs();
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < REQUESTS; i += CONCURRENCY) {
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        const sent = performance.now();
        const res = await fetch(new Request(`http://bench.local${PATH}`, INIT));
        if (!res.ok) throw new Error(`${PATH} answered ${res.status}`);
        await res.arrayBuffer();
        latencies.push(performance.now() - sent);
      }),
    );
  }
  const wall = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return {
    wall: REQUESTS / wall,
    cpu: REQUESTS / ((used.user + used.system) / 1e6),
    main: REQUESTS / ((mainThreadCpuNs() - main) / 1e9),
    p99: quantile(latencies, 0.99),
  };
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
  ['cpu', "requests per CPU-second of this process, all threads (others' load mostly excluded)"],
  ['main', 'requests per CPU-second of the main thread (the request thread; the log writer thread excluded)'],
] as const) {
  if (Number.isNaN(pairs[0][0][kind])) continue;
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
const p99 = (i: 0 | 1) =>
  quantile(
    pairs.map((p) => p[i].p99),
    0.5,
  );
console.log(`p99 latency, median of the rounds: observability on ${p99(0).toFixed(2)} ms, off ${p99(1).toFixed(2)} ms`);
