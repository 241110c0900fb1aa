/**
 * The cost of observability on the request path: the same in-process endpoint served by
 * two servers in one run, one with logs kept, statements timed and metrics sampled, one
 * with all of it off, in alternating rounds so that warm-up and noise hit both alike.
 * Run: `npx tsx bench/observability-overhead.ts` (goal: under 5% slower with it on).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../packages/server/src/app';

const ROUNDS = Number(process.env.ROUNDS ?? 6);
const REQUESTS = Number(process.env.REQUESTS ?? 2000);
const PATH = process.env.BENCH_PATH ?? '/health/ready';

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
  return { app, stop };
}

async function round(fetch: (r: Request) => Promise<Response>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < REQUESTS; i += 10) {
    await Promise.all(
      Array.from({ length: 10 }, async () => (await fetch(new Request(`http://bench.local${PATH}`))).arrayBuffer()),
    );
  }
  return REQUESTS / ((performance.now() - started) / 1000);
}

const on = await server(true);
const off = await server(false);
const rates = { on: [] as number[], off: [] as number[] };
await round(on.app.fetch);
await round(off.app.fetch);
for (let i = 0; i < ROUNDS; i++) {
  rates.on.push(await round(on.app.fetch));
  rates.off.push(await round(off.app.fetch));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const [a, b] = [median(rates.on), median(rates.off)];
console.log(
  `${PATH}: observability on ${a.toFixed(0)} req/s, off ${b.toFixed(0)} req/s, cost ${((1 - a / b) * 100).toFixed(1)}%`,
);
await on.stop();
await off.stop();
