/**
 * The standalone msw mock server (`npm run mock:msw`) against Prism (`npm run mock`) on the
 * same operations in one run: a public GET, a signed-in list and a validated POST.
 * Issue 15's goal: at least 10x Prism's requests per second.
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { join } from 'node:path';
import { type LoadRequest, load } from './load';
import type { Row } from './results';

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

export async function mockServers(seconds: number): Promise<Row[]> {
  const port = 45000 + Math.floor(Math.random() * 1000);
  const msw = fork(join(root, 'mocks/src/serve-main.ts'), [], {
    execArgv: ['--import', 'tsx', '--conditions=source'],
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const prism = spawn(
    join(root, 'node_modules/.bin/prism'),
    ['mock', '--host', '127.0.0.1', '--port', String(port + 1), spec],
    {
      stdio: 'ignore',
    },
  );
  const mswUrl = `http://127.0.0.1:${port}`;
  const prismUrl = `http://127.0.0.1:${port + 1}`;
  const rows: Row[] = [];
  try {
    await Promise.all([ready(mswUrl, msw), ready(prismUrl, prism)]);
    console.log(`\n== mocks: msw handlers served over HTTP vs Prism (${seconds} s each, 10 connections)`);
    for (const [name, req] of requests) {
      await load(mswUrl, req, 1);
      await load(prismUrl, req, 1);
      const ours = await load(mswUrl, req, seconds);
      const theirs = await load(prismUrl, req, seconds);
      const ratio = Math.round((ours.rps / theirs.rps) * 10) / 10;
      rows.push({ engine: 'mocks', scenario: name, lockstep: ours, baseline: theirs, ratio });
      console.log(
        `${name.padEnd(32)} msw ${ours.rps} req/s (p99 ${ours.p99} ms)  prism ${theirs.rps} req/s (p99 ${theirs.p99} ms)  ${ratio}x (goal >= 10x)`,
      );
    }
  } finally {
    msw.kill('SIGINT');
    prism.kill('SIGINT');
  }
  return rows;
}
