/**
 * `npm run bench:pipeline`: what a request costs the reference server's own code, without
 * HTTP. The timed bench (`npm run bench`) measures whole requests, where the sockets, the
 * kernel and this shared machine's noise move a figure by ±20% from one run to the next; here
 * a built server (`dist/`, as it ships) answers through `app.respond` as @hono/node-server
 * calls it (its Request and Response classes installed, Node's raw headers in
 * `env.incoming`; one Request, made by its constructor rather than from a socket, is sent
 * again and again), in a tight loop on the bench's seeded data, and its CPU per request is
 * printed for `/health` and the bench's get row by key. Beside them, the get-by-key statement
 * alone, run by better-sqlite3 in the same loop on the same file: the floor under the
 * request, and each figure over it (a ratio to compare between runs: this machine's speed
 * moves the µs, less the ratio). Each figure is the median of ROUNDS rounds of REQUESTS
 * requests, after WARMUP; the three take turns round by round.
 *
 *   npm run bench:pipeline            # figures on stderr (the server's request lines go to stdout, discarded)
 *   ROUNDS=9 REQUESTS=20000 npm run bench:pipeline
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { type App, createApp } from '@lockstep/server';
import Database from 'better-sqlite3';
import type { LoadRequest } from './load';
import { scenarios } from './scenarios';
import { seed } from './seed';
import { benchConfig } from './servers/bench-config';

const ROUNDS = Number(process.env.ROUNDS ?? 7);
const REQUESTS = Number(process.env.REQUESTS ?? 20_000);
const WARMUP = Number(process.env.WARMUP ?? 2);
/** Only the workloads whose name holds this (for a profile of one: `ONLY=key node --cpu-prof ...`). */
const ONLY = process.env.ONLY;

// Installs @hono/node-server's Request and Response as the global ones, as `listen` does.
getRequestListener(() => new Response(null));

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** µs of this process's CPU per call of `work` over one round. */
async function round(work: () => unknown): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < REQUESTS; i++) {
    const result = work();
    if (result instanceof Promise) await result;
  }
  const used = process.cpuUsage(before);
  return (used.user + used.system) / REQUESTS;
}

/**
 * µs of CPU per call of each workload, the median round's. The workloads take turns round by
 * round, so that a slower minute of this shared machine slows them all alike.
 */
async function cpuPerCall(workloads: Record<string, () => unknown>): Promise<Record<string, number>> {
  const rounds: Record<string, number[]> = {};
  const chosen = Object.entries(workloads).filter(([name]) => !ONLY || name.includes(ONLY));
  for (let i = 0; i < WARMUP + ROUNDS; i++) {
    for (const [name, work] of chosen) {
      const us = await round(work);
      if (i < WARMUP) continue;
      rounds[name] ??= [];
      rounds[name].push(us);
    }
  }
  return Object.fromEntries(Object.entries(rounds).map(([name, values]) => [name, median(values)]));
}

/** A request as @hono/node-server hands it to the app: its Request, and Node's raw headers in `env`. */
function answering(app: App, base: string, request: LoadRequest): () => unknown {
  const headers = { 'user-agent': 'bench', ...request.headers };
  const rawHeaders = Object.entries({ host: new URL(base).host, ...headers }).flat();
  const env = { incoming: { rawHeaders, socket: { remoteAddress: '127.0.0.1' } } };
  const req = new Request(`${base}${request.path}`, { headers });
  const check = (response: Response) => {
    if (response.status !== 200) throw new Error(`${request.path} answered ${response.status}`);
  };
  return () => {
    const response = app.respond(req, env);
    return response instanceof Promise ? response.then(check) : check(response);
  };
}

const dataDir = mkdtempSync(join(tmpdir(), 'lockstep-pipeline-'));
const setupToken = randomUUID();
const app = await createApp({ dataDir, setupToken, ...benchConfig });
const base = 'http://127.0.0.1:8787';
try {
  const seeded = await seed(base, 'sqlite', setupToken, (request) => app.fetch(request));
  const byName = (name: string) => scenarios.find((s) => s.name === name)!;
  const file = new Database(join(dataDir, 'lockstep.db'), { readonly: true });
  const statement = file.prepare('select "id", "title", "body" from "notes" where "id" = ?');
  console.error(`== the server's own code per request, no HTTP (${ROUNDS} rounds of ${REQUESTS}, medians)`);
  const figures = await cpuPerCall({
    '/health': answering(app, base, byName('health').lockstep(seeded)),
    'get row by key': answering(app, base, byName('get row by key').lockstep(seeded)),
    'its statement alone': () => statement.get('n4242'),
  });
  file.close();
  // Over the statement measured beside them: a figure to compare between runs on a noisy machine.
  const floor = figures['its statement alone'] ?? Number.NaN;
  for (const [name, us] of Object.entries(figures))
    console.error(
      `${name.padEnd(22)} ${us.toFixed(2).padStart(7)} µs CPU  ${(us / floor).toFixed(2).padStart(6)}× the statement`,
    );
} finally {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
