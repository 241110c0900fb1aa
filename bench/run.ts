/**
 * `npm run bench`: the reference server against a bare Fastify baseline on the same data,
 * side by side in one run (three alternating pairs, A B / B A / A B, the ratio the median
 * pair's), on SQLite and on PostgreSQL; then the overload case. Prints req/s, p50/p99, CPU per
 * request and the ratio per scenario and writes `bench/results/latest.json`: the latest figures
 * of every scenario, so a run with `--only` replaces its own rows (the file as it was moves to
 * `previous.json`, and each ratio is compared with the last one measured). The reference server
 * and the SDK are measured as built (`dist/`, what `npm pack` ships); `npm run bench` builds them
 * first.
 *
 *   npm run bench                       # both engines, 5 s per measurement
 *   npm run bench -- --engine sqlite --seconds 3 --only "get row"
 *   npm run bench -- --no-overload --no-mocks --no-layers   # the side-by-side scenarios alone
 *   npm run bench -- --engine sqlite --only health --profile /tmp/prof   # --cpu-prof of both servers (the baseline in /tmp/prof/baseline)
 *   npm run bench -- --engine '' --only mocks                             # the mock servers alone
 *   npm run bench -- --engine '' --only layers                            # /health's cost, layer by layer
 *   npm run bench -- --engine '' --no-mocks --only sdk                    # the SDK's cost per call
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { callOverhead } from '../packages/sdk/bench/call-overhead';
import { layerCosts } from './layers';
import { combined, type LoadRequest, type LoadResult, load } from './load';
import { machineBusy } from './machine-load';
import { mockServers } from './mocks';
import { overload } from './overload';
import { type Row, saveResults } from './results';
import { scenarios } from './scenarios';
import { seed } from './seed';
import { measured, type ServerProcess, startServer, stopServer } from './servers/processes';

const { values: args } = parseArgs({
  allowNegative: true,
  options: {
    engine: { type: 'string', default: 'sqlite,postgres' },
    mocks: { type: 'boolean', default: true },
    seconds: { type: 'string', default: '5' },
    only: { type: 'string' },
    overload: { type: 'boolean', default: true },
    layers: { type: 'boolean', default: true },
    profile: { type: 'string' },
  },
});
const seconds = Number(args.seconds);
const pgUrl = process.env.LOCKSTEP_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function dropSchema(schema: string) {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  await client.query(`drop schema if exists ${schema} cascade`);
  await client.end();
}

/** Measured runs as one, with the server's CPU per request answered (µs). */
function cpuPerRequest(runs: Array<LoadResult & { cpu: number }>): LoadResult & { cpuUs: number } {
  const cpu = runs.reduce((sum, r) => sum + r.cpu, 0);
  const requests = runs.reduce((sum, r) => sum + r.requests, 0);
  return { ...combined(...runs), cpuUs: Math.round(cpu / Math.max(1, requests)) };
}

/** Pairs of side-by-side loads in one comparison: A B, B A, A B. */
const PAIRS = 3;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Ours and the baseline in `PAIRS` pairs, each side first in turn, `seconds` in all per side.
 * The ratio is the median pair's (ours over the baseline measured next to it): a burst of
 * this shared machine's noise moves one pair, not the figure; req/s, latency and CPU cover every run.
 */
async function sideBySide(
  servers: { ours: ServerProcess; base: ServerProcess },
  requests: { ours: LoadRequest; base: LoadRequest },
  connections: number,
) {
  const segment = Math.max(1, Math.round(seconds / PAIRS));
  const runs = { ours: [] as Array<LoadResult & { cpu: number }>, base: [] as Array<LoadResult & { cpu: number }> };
  for (let pair = 0; pair < PAIRS; pair++) {
    const order = pair % 2 === 0 ? (['ours', 'base'] as const) : (['base', 'ours'] as const);
    for (const side of order) runs[side].push(await measured(servers[side], requests[side], segment, connections));
  }
  const pairs = runs.ours.map((ours, i) => Math.round((ours.rps / Math.max(1, runs.base[i].rps)) * 100) / 100);
  return { ours: cpuPerRequest(runs.ours), base: cpuPerRequest(runs.base), ratio: median(pairs), pairs };
}

const fmt = (r: LoadResult & { cpuUs?: number }) =>
  `${String(r.rps).padStart(6)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms${r.cpuUs === undefined ? '' : `  ${r.cpuUs} µs CPU/request`}${r.errors + r.non2xx ? `  (${r.errors} errors, ${r.non2xx} non-2xx)` : ''}`;

async function runEngine(engine: 'sqlite' | 'postgres'): Promise<Row[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lockstep-bench-'));
  const schema = `bench_${process.pid}`;
  const setupToken = randomUUID();
  const dbEnv: Record<string, string> = engine === 'postgres' ? { DATABASE_URL: pgUrl, PG_SCHEMA: schema } : {};
  if (engine === 'postgres') await dropSchema(schema);
  const lockstep = await startServer(
    'lockstep.ts',
    { ...dbEnv, DATA_DIR: dataDir, SETUP_TOKEN: setupToken },
    args.profile,
  );
  const rows: Row[] = [];
  try {
    const seeded = await seed(lockstep.url, engine, setupToken);
    const file = join(dataDir, 'baseline-file.bin');
    writeFileSync(file, seeded.file);
    const baseline = await startServer(
      'baseline.ts',
      {
        ...dbEnv,
        SQLITE_FILE: join(dataDir, 'lockstep.db'),
        FILE: file,
      },
      args.profile ? `${args.profile}/baseline` : undefined,
    );
    try {
      console.log(
        `\n== ${engine}: reference server vs bare Fastify + ${engine === 'sqlite' ? 'better-sqlite3' : 'pg'} (${seconds} s each, 10 connections)`,
      );
      for (const s of scenarios.filter((x) => !args.only || x.name.includes(args.only))) {
        const c = s.connections ?? 10;
        await load(lockstep.url, s.lockstep(seeded), 1, c); // warm-up
        await load(baseline.url, s.baseline(seeded), 1, c);
        const { ours, base, ratio, pairs } = await sideBySide(
          { ours: lockstep, base: baseline },
          { ours: s.lockstep(seeded), base: s.baseline(seeded) },
          c,
        );
        // The baseline's CPU per request over ours: what the req/s ratio would be if CPU alone set it.
        const cpuRatio = Math.round((base.cpuUs / Math.max(1, ours.cpuUs)) * 100) / 100;
        rows.push({ engine, scenario: s.name, lockstep: ours, baseline: base, ratio, pairs, cpuRatio });
        console.log(
          `${s.name.padEnd(22)} lockstep ${fmt(ours)}\n${''.padEnd(22)} baseline ${fmt(base)}\n${''.padEnd(22)} ratio ${ratio}  (pairs ${pairs.join(', ')}; CPU per request ${cpuRatio})`,
        );
      }
    } finally {
      await stopServer(baseline.child);
    }
    if (args.overload && (!args.only || 'overload'.includes(args.only)))
      rows.push(await overload(engine, lockstep, seeded, Math.max(30, seconds * 2)));
  } finally {
    await stopServer(lockstep.child);
    rmSync(dataDir, { recursive: true, force: true });
    if (engine === 'postgres') await dropSchema(schema).catch(() => undefined);
  }
  return rows;
}

const busy = await machineBusy();
if (busy !== undefined) {
  const share = `${Math.round(busy * 100)}%`;
  console.log(`machine: ${share} busy before the run (other processes)`);
  if (busy > 0.1) console.log(`warning: ${share} of the machine is taken before the run; ratios may move with it`);
}

const all: Row[] = [];
for (const engine of (args.engine ?? '').split(',').filter(Boolean) as ('sqlite' | 'postgres')[])
  all.push(...(await runEngine(engine)));
if (args.layers && (!args.only || 'layers'.includes(args.only))) all.push(...(await layerCosts(seconds)));
if (args.mocks && (!args.only || 'mocks'.includes(args.only))) all.push(...(await mockServers(seconds)));
if (!args.only || 'sdk'.includes(args.only)) {
  for (const r of await callOverhead())
    all.push({
      engine: 'sdk',
      scenario: `${r.scenario}: ${r.contender}`,
      us: r.us,
      ratio: Math.round(r.vsRaw * 100) / 100,
    });
}
saveResults(all);
