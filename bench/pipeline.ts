/**
 * `npm run bench:pipeline`: what a request costs the reference server's own code, without
 * HTTP. The timed bench (`npm run bench`) measures whole requests, where the sockets, the
 * kernel and this shared machine's noise move a figure by ±20% from one run to the next; here
 * a built server (`dist/`, as it ships) answers through `app.respond` exactly as
 * @hono/node-server calls it (its Request and Response classes installed, Node's raw headers
 * in `env.incoming`), in a tight loop on the bench's seeded data, and its CPU per request is
 * printed for `/health` and the bench's get row by key. Beside them, the get-by-key statement
 * alone, run by better-sqlite3 in the same loop on the same file: the floor under the
 * request. Each figure is the median of ROUNDS rounds of REQUESTS requests, after WARMUP.
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

const ROUNDS = Number(process.env.ROUNDS ?? 7);
const REQUESTS = Number(process.env.REQUESTS ?? 20_000);
const WARMUP = Number(process.env.WARMUP ?? 2);

// Installs @hono/node-server's Request and Response as the global ones, as `listen` does.
getRequestListener(() => new Response(null));

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** µs of this process's CPU per call of `work`, the median round's. */
async function cpuPerCall(work: () => unknown): Promise<number> {
  const rounds: number[] = [];
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    const before = process.cpuUsage();
    for (let i = 0; i < REQUESTS; i++) {
      const result = work();
      if (result instanceof Promise) await result;
    }
    const used = process.cpuUsage(before);
    if (round >= WARMUP) rounds.push((used.user + used.system) / REQUESTS);
  }
  return median(rounds);
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
const limit = { points: 1_000_000_000, duration: 60 };
const app = await createApp({
  dataDir,
  setupToken,
  jwtSecret: 'bench-secret-bench-secret-bench-secret-0123456789',
  rateLimits: { login: limit, loginPerAddress: limit, signup: limit, forgotPassword: limit },
});
const base = 'http://127.0.0.1:8787';
try {
  const seeded = await seed(base, 'sqlite', setupToken, (request) => app.fetch(request));
  const byName = (name: string) => scenarios.find((s) => s.name === name)!;
  console.error(`== the server's own code per request, no HTTP (${ROUNDS} rounds of ${REQUESTS}, medians)`);
  const rows: [string, number][] = [];
  rows.push(['/health', await cpuPerCall(answering(app, base, byName('health').lockstep(seeded)))]);
  rows.push(['get row by key', await cpuPerCall(answering(app, base, byName('get row by key').lockstep(seeded)))]);
  const file = new Database(join(dataDir, 'lockstep.db'), { readonly: true });
  const statement = file.prepare('select "id", "title", "body" from "notes" where "id" = ?');
  rows.push(['its statement alone', await cpuPerCall(() => statement.get('n4242'))]);
  file.close();
  for (const [name, us] of rows) console.error(`${name.padEnd(22)} ${us.toFixed(2).padStart(7)} µs CPU`);
} finally {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
