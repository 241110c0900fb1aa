/**
 * `npm run bench:instructions`: the instructions a request costs the server's main thread,
 * counted by valgrind's callgrind rather than timed. This shared machine's timings swing 2×
 * within minutes; an instruction count repeats within ~2% for the same build, so two builds
 * (or the reference server and its baseline) compare even when the machine is busy. Each
 * server runs under `valgrind --tool=callgrind --separate-threads=yes`, takes WARM requests,
 * has its counters zeroed, takes COUNT more over 10 keep-alive connections, and dumps; the
 * main thread's instructions over COUNT is the figure. Under valgrind a request is ~50× slower
 * while timers keep wall-clock time, so the reference server's periodic work (the change
 * feed's poll, the log writer) weighs ~12k instructions a request more than at full speed:
 * compare figures measured this way with each other, not with a timed bench. Needs Debian's
 * `valgrind`; start-up under it takes ~2–3 minutes.
 *
 * SCENARIO picks the request: `health` (default), `/health` against Hono alone; `key`, the
 * bench's get row by key (signed in as the admin) against the bare Fastify + better-sqlite3
 * baseline's `/notes/:id`, on data seeded first by a reference server at full speed; `bench <name>`,
 * any scenario of `scenarios.ts` the same way (`bench health`: the bench's own `/health` pair).
 *
 *   npm run bench:instructions                 # /health: Hono alone, then the reference server
 *   SCENARIO=key npm run bench:instructions    # get row by key: baseline, then the reference server
 *   SCENARIO='bench health' npm run bench:instructions   # the bench's /health: baseline.ts, then ours, seeded
 *   WARM=20000 COUNT=4000 npm run bench:instructions
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import type { LoadRequest } from './load';
import { scenarios } from './scenarios';
import { seed } from './seed';
import { serverReady, startServer, stopServer } from './servers/processes';

const WARM = Number(process.env.WARM ?? 20_000);
const COUNT = Number(process.env.COUNT ?? 4_000);
const SCENARIO = process.env.SCENARIO ?? 'health';

interface Measured {
  name: string;
  file: string;
  env: Record<string, string>;
  request: LoadRequest;
}

/** The two servers a scenario compares, the first being the one the ratio divides by. */
async function serversOf(scenario: string, dataDir: string): Promise<[Measured, Measured]> {
  if (scenario === 'health') {
    const health = { path: '/health' };
    return [
      { name: 'Hono on @hono/node-server, one route', file: 'layer.ts', env: { LAYER: 'hono' }, request: health },
      { name: 'Lockstep as shipped', file: 'lockstep.ts', env: { DATA_DIR: dataDir }, request: health },
    ];
  }
  const named = scenario === 'key' ? 'get row by key' : scenario.replace(/^bench /, '');
  const chosen = scenarios.find((s) => s.name === named);
  if (!chosen) throw new Error(`SCENARIO is health, key or 'bench <a scenario of scenarios.ts>', not ${scenario}`);
  const seeded = await seededAtFullSpeed(dataDir);
  return [
    {
      name: 'Fastify + better-sqlite3 baseline',
      file: 'baseline.ts',
      env: { SQLITE_FILE: join(dataDir, 'lockstep.db') },
      request: chosen.baseline(seeded),
    },
    { name: 'Lockstep as shipped', file: 'lockstep.ts', env: { DATA_DIR: dataDir }, request: chosen.lockstep(seeded) },
  ];
}

/** The bench's data in `dataDir`, seeded through a reference server running without valgrind. */
async function seededAtFullSpeed(dataDir: string) {
  const setupToken = randomUUID();
  const server = await startServer('lockstep.ts', { DATA_DIR: dataDir, SETUP_TOKEN: setupToken });
  try {
    return await seed(server.url, 'sqlite', setupToken);
  } finally {
    await stopServer(server.child);
  }
}

/** Starts `bench/servers/<file>` under callgrind; resolves with its URL once it listens. */
function startUnderCallgrind(file: string, env: Record<string, string>, out: string) {
  const child = spawn(
    'valgrind',
    [
      '--tool=callgrind',
      '--separate-threads=yes',
      '--dump-instr=no',
      `--callgrind-out-file=${join(out, 'cg.%p')}`,
      process.execPath,
      '--import',
      'tsx',
      join(import.meta.dirname, 'servers', file),
    ],
    // The servers tell their URL over the IPC channel, which valgrind passes through to Node.
    { env: { ...process.env, ...env, PORT: '0' }, stdio: ['ignore', 'ignore', 'ignore', 'ipc'] },
  );
  return serverReady(child, `${file} under valgrind`);
}

/**
 * `amount` requests over 10 connections. Under valgrind an answer can take longer than
 * autocannon's 10 s timeout while the JIT warms up: the warm-up tolerates that, the counted
 * requests must all succeed.
 */
async function requests(url: string, request: LoadRequest, amount: number, warmUp = false): Promise<void> {
  const result = await autocannon({
    url: `${url}${request.path}`,
    headers: request.headers,
    connections: 10,
    amount,
    timeout: 60,
  });
  const failed = result.non2xx + result.errors;
  const what = `${failed} of ${amount} (${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx)`;
  if (failed > 0 && !warmUp) throw new Error(`${url}${request.path} failed ${what}`);
  if (failed > 0) console.log(`  warm-up: ${what} failed`);
}

/** The instructions callgrind counted in the main thread's file of the dump after the counters were zeroed. */
function mainThreadInstructions(out: string, pid: number): number {
  const file = join(out, `cg.${pid}.1-01`);
  if (!existsSync(file)) throw new Error(`no callgrind dump of ${pid}'s main thread in ${out}`);
  const totals = /^(?:summary|totals): (\d+)/m.exec(readFileSync(file, 'utf8'));
  if (!totals) throw new Error(`no totals in ${file}`);
  return Number(totals[1]);
}

async function measure(server: Measured): Promise<number> {
  const out = mkdtempSync(join(tmpdir(), 'lockstep-instructions-'));
  const { url, child } = await startUnderCallgrind(server.file, { DATA_DIR: out, ...server.env }, out);
  try {
    await requests(url, server.request, WARM, true);
    execFileSync('callgrind_control', ['-z', String(child.pid)], { stdio: 'ignore' });
    await requests(url, server.request, COUNT);
    execFileSync('callgrind_control', ['-d', String(child.pid)], { stdio: 'ignore' });
    return mainThreadInstructions(out, child.pid as number) / COUNT;
  } finally {
    child.kill('SIGKILL');
    rmSync(out, { recursive: true, force: true });
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'lockstep-instructions-data-'));
try {
  const [base, ours] = await serversOf(SCENARIO, dataDir);
  console.log(
    `== ${SCENARIO}: instructions of the server's main thread per request (${WARM} warm-up, ${COUNT} counted)`,
  );
  const baseline = await measure(base);
  console.log(`${base.name.padEnd(40)} ${Math.round(baseline / 1000)}k`);
  const count = await measure(ours);
  console.log(`${ours.name.padEnd(40)} ${Math.round(count / 1000)}k  (${(count / baseline).toFixed(2)}× the first)`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
