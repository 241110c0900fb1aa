/**
 * The cost of observability on the request path: the same in-process endpoint served by
 * two servers in one run, one with logs kept, statements timed and metrics sampled, one
 * with all of it off. Made to be read on a noisy shared machine: warm-up rounds first, then
 * interleaved rounds whose order alternates (on, off; off, on; …) so that drift and noise
 * hit both alike; each pair gives a ratio, and the cost is the median of those ratios,
 * printed with its spread (quartiles, min, max) so a reader sees how far to trust it.
 * Run: `npm run bench:observability` (goal: under 5% slower with it on).
 * `ROUNDS` (pairs, default 20), `REQUESTS` (per round, default 2000), `WARMUP` (pairs,
 * default 3), `BENCH_PATH` (default `/health/ready`), `CONCURRENCY` (default 10).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../packages/server/src/app';

const ROUNDS = Number(process.env.ROUNDS ?? 20);
const WARMUP = Number(process.env.WARMUP ?? 3);
const REQUESTS = Number(process.env.REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 10);
const PATH = process.env.BENCH_PATH ?? '/health/ready';

type Fetch = (r: Request) => Response | Promise<Response>;

async function server(enabled: boolean) {
  const dataDir = mkdtempSync(join(tmpdir(), 'lockstep-bench-'));
  const app = await createApp({
    dataDir,
    logLevel: 'silent',
    jwtSecret: 'bench-secret-0123456789abcdef0123456789',
    observability: { enabled },
  });
  const stop = async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { fetch: app.fetch as Fetch, stop };
}

/** Requests per second over one round of `REQUESTS`, `CONCURRENCY` at a time. */
async function round(fetch: Fetch): Promise<number> {
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
  return REQUESTS / ((performance.now() - started) / 1000);
}

/** One pair of rounds, in the order `first`; answers [on, off]. */
async function pair(on: Fetch, off: Fetch, onFirst: boolean): Promise<[number, number]> {
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
const rates = { on: [] as number[], off: [] as number[] };
const costs: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  const [a, b] = await pair(on.fetch, off.fetch, i % 2 === 0);
  rates.on.push(a);
  rates.off.push(b);
  costs.push(1 - a / b);
}
const [a, b] = [quantile(rates.on, 0.5), quantile(rates.off, 0.5)];
console.log(
  `${PATH}, ${ROUNDS} interleaved pairs of ${REQUESTS} requests (${CONCURRENCY} at a time), after ${WARMUP} warm-up pairs`,
);
console.log(
  `  median: observability on ${a.toFixed(0)} req/s, off ${b.toFixed(0)} req/s, ratio on/off ${(a / b).toFixed(3)}`,
);
console.log(
  `  cost per pair: median ${pct(quantile(costs, 0.5))}, quartiles ${pct(quantile(costs, 0.25))} .. ${pct(quantile(costs, 0.75))}, min ${pct(Math.min(...costs))}, max ${pct(Math.max(...costs))}`,
);
console.log(`  cost of the medians: ${pct(1 - a / b)}`);
await on.stop();
await off.stop();
