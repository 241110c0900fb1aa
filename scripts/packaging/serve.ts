/** Starts `lockstep serve` from an installed bin on a free port and waits until `/health` answers. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** A running `lockstep serve`: its URL, what it printed, and how to stop it. */
export interface Served {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  for (let waited = 0; waited < 30_000; waited += 200) {
    if (child.exitCode !== null) throw new Error(`lockstep serve exited ${child.exitCode}:\n${output()}`);
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await sleep(200);
  }
  throw new Error(`lockstep serve did not answer /health in 30 s:\n${output()}`);
}

/** Runs `<project>/node_modules/.bin/lockstep serve` with its data in `dataDir`. */
export async function serve(project: string, dataDir: string): Promise<Served> {
  const port = await freePort();
  const bin = join(project, 'node_modules/.bin/lockstep');
  const child = spawn(bin, ['serve', '--port', String(port), '--host', '127.0.0.1', '--data', dataDir], {
    cwd: project,
  });
  let text = '';
  child.stdout.on('data', (chunk) => {
    text += chunk;
  });
  child.stderr.on('data', (chunk) => {
    text += chunk;
  });
  const url = `http://127.0.0.1:${port}`;
  const output = () => text;
  await waitForHealth(url, child, output);
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return { url, output, stop };
}
