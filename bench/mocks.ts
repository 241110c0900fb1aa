/**
 * The standalone msw mock server (`npm run mock:msw`) against Prism (`npm run mock`) on the
 * same operations in one run: a public GET, a signed-in list and a validated POST.
 * Issue 15's goal: at least 10x Prism's requests per second. Node's http server alone, answering
 * every request with `/health`'s body and headers (`servers/layer.ts`, `LAYER=node`), is measured
 * beside them on the same requests: the ceiling of this machine.
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { join } from 'node:path';
import { combined, type LoadRequest, type LoadResult, load } from './load';
import type { Row } from './results';
import { startServer, stopServer } from './servers/processes';

const root = join(import.meta.dirname, '..');
const spec = join(root, 'packages/contract/generated/openapi.gen.json');
const bearer = { authorization: 'Bearer any-token' };
const requests: [string, LoadRequest][] = [
  ['GET /health', { path: '/health' }],
  ['GET /auth/api-keys (signed in)', { path: '/auth/api-keys', headers: bearer }],
  [
    'POST /auth/login (validated)',
    { method: 'POST', path: '/auth/login', body: '{"email":"a@b.co","password":"Passphrase-1"}' },
  ],
];

async function ready(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`mock server exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer`);
}

/**
 * Each server under the same load, half the time twice, in mirrored order (msw, Prism, bare,
 * bare, Prism, msw): drift of a shared, noisy machine falls on all of them alike.
 */
async function mirrored(urls: string[], req: LoadRequest, seconds: number): Promise<LoadResult[]> {
  for (const url of urls) await load(url, req, 1);
  const half = Math.max(1, Math.round(seconds / 2));
  const first: LoadResult[] = [];
  for (const url of urls) first.push(await load(url, req, half));
  const second: LoadResult[] = [];
  for (const url of [...urls].reverse()) second.unshift(await load(url, req, half));
  return first.map((result, i) => combined(result, second[i]));
}

const failures = (r: LoadResult) => (r.errors + r.non2xx ? ` (${r.errors} errors, ${r.non2xx} non-2xx)` : '');
const times = (a: number, b: number) => Math.round((a / b) * 10) / 10;

export async function mockServers(seconds: number): Promise<Row[]> {
  const port = 45000 + Math.floor(Math.random() * 1000);
  const env = (offset: number) => ({ ...process.env, PORT: String(port + offset) });
  const msw = fork(join(root, 'mocks/src/serve-main.ts'), [], {
    execArgv: ['--import', 'tsx', '--conditions=source'],
    env: env(0),
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const prism = spawn(
    join(root, 'node_modules/.bin/prism'),
    ['mock', '--host', '127.0.0.1', '--port', String(port + 1), spec],
    { stdio: 'ignore' },
  );
  const [mswUrl, prismUrl] = [0, 1].map((offset) => `http://127.0.0.1:${port + offset}`);
  const bare = startServer('layer.ts', { LAYER: 'node' });
  const rows: Row[] = [];
  try {
    const [bareUrl] = await Promise.all([
      bare.then((server) => server.url),
      ready(mswUrl, msw),
      ready(prismUrl, prism),
    ]);
    console.log(
      `\n== mocks: msw handlers served over HTTP vs Prism, and bare node:http as the ceiling (${seconds} s each, 10 connections)`,
    );
    for (const [name, req] of requests) {
      const [ours, theirs, ceiling] = await mirrored([mswUrl, prismUrl, bareUrl], req, seconds);
      const ratio = times(ours.rps, theirs.rps);
      rows.push({ engine: 'mocks', scenario: name, lockstep: ours, baseline: theirs, ceiling, ratio });
      console.log(
        `${name.padEnd(32)} msw ${ours.rps} req/s (p99 ${ours.p99} ms)${failures(ours)}  prism ${theirs.rps} req/s (p99 ${theirs.p99} ms)${failures(theirs)}  ${ratio}x (goal >= 10x)`,
      );
      console.log(
        `${''.padEnd(32)} ceiling: bare node:http ${ceiling.rps} req/s (p99 ${ceiling.p99} ms) = ${times(ceiling.rps, theirs.rps)}x prism; msw at ${Math.round((ours.rps / ceiling.rps) * 100)}% of it`,
      );
    }
  } finally {
    msw.kill('SIGINT');
    prism.kill('SIGINT');
    await bare.then(
      (server) => stopServer(server.child),
      () => undefined,
    );
  }
  return rows;
}
