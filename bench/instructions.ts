/**
 * `npm run bench:instructions`: the instructions a `/health` request costs the server's main
 * thread, counted by valgrind's callgrind rather than timed. This shared machine's timings swing
 * 2× within minutes; an instruction count repeats within ~2% for the same build, so two builds
 * (or the reference server and Hono alone) compare even when the machine is busy. Each server
 * runs under `valgrind --tool=callgrind --separate-threads=yes`, takes WARM requests, has its
 * counters zeroed, takes COUNT more over 10 keep-alive connections, and dumps; the main
 * thread's instructions over COUNT is the figure. Under valgrind a request is ~50× slower
 * while timers keep wall-clock time, so the reference server's periodic work (the change
 * feed's poll, the log writer) weighs ~12k instructions a request more than at full speed:
 * compare figures measured this way with each other, not with a timed bench. Needs Debian's
 * `valgrind`; start-up under it takes ~2–3 minutes.
 *
 *   npm run bench:instructions                 # Hono alone, then the reference server as shipped
 *   WARM=20000 COUNT=4000 npm run bench:instructions
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { serverReady } from './servers/processes';

const WARM = Number(process.env.WARM ?? 20_000);
const COUNT = Number(process.env.COUNT ?? 4_000);

const servers: { name: string; file: string; env: Record<string, string> }[] = [
  { name: 'Hono on @hono/node-server, one route', file: 'layer.ts', env: { LAYER: 'hono' } },
  { name: 'Lockstep as shipped', file: 'lockstep.ts', env: {} },
];

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
    { env: { ...process.env, ...env, DATA_DIR: out, PORT: '0' }, stdio: ['ignore', 'ignore', 'ignore', 'ipc'] },
  );
  return serverReady(child, `${file} under valgrind`);
}

async function requests(url: string, amount: number): Promise<void> {
  const result = await autocannon({ url: `${url}/health`, connections: 10, amount });
  if (result.non2xx + result.errors > 0) throw new Error(`${url}/health failed ${result.non2xx + result.errors} times`);
}

/** The instructions callgrind counted in the main thread's file of the dump after the counters were zeroed. */
function mainThreadInstructions(out: string, pid: number): number {
  const file = join(out, `cg.${pid}.1-01`);
  if (!existsSync(file)) throw new Error(`no callgrind dump of ${pid}'s main thread in ${out}`);
  const totals = /^(?:summary|totals): (\d+)/m.exec(readFileSync(file, 'utf8'));
  if (!totals) throw new Error(`no totals in ${file}`);
  return Number(totals[1]);
}

async function measure(server: (typeof servers)[number]): Promise<number> {
  const out = mkdtempSync(join(tmpdir(), 'lockstep-instructions-'));
  const { url, child } = await startUnderCallgrind(server.file, server.env, out);
  try {
    await requests(url, WARM);
    execFileSync('callgrind_control', ['-z', String(child.pid)], { stdio: 'ignore' });
    await requests(url, COUNT);
    execFileSync('callgrind_control', ['-d', String(child.pid)], { stdio: 'ignore' });
    return mainThreadInstructions(out, child.pid as number) / COUNT;
  } finally {
    child.kill('SIGKILL');
    rmSync(out, { recursive: true, force: true });
  }
}

console.log(`== /health, instructions of the server's main thread per request (${WARM} warm-up, ${COUNT} counted)`);
const [base, ...rest] = servers;
const baseline = await measure(base);
console.log(`${base.name.padEnd(40)} ${Math.round(baseline / 1000)}k`);
for (const server of rest) {
  const count = await measure(server);
  console.log(`${server.name.padEnd(40)} ${Math.round(count / 1000)}k  (${(count / baseline).toFixed(2)}× Hono)`);
}
