/** The benchmark's server processes: started as children on port 0, loaded with their CPU measured, stopped. */
import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { type LoadRequest, type LoadResult, load } from '../load';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
}

/**
 * Starts `bench/servers/<file>` as a child process with `env`; resolves once it says where it
 * listens. `profile`: a directory for its `--cpu-prof`.
 */
export function startServer(file: string, env: Record<string, string>, profile?: string): Promise<ServerProcess> {
  const child = fork(join(import.meta.dirname, file), [], {
    // No `source` condition: `@lockstep/server` is the built package, as it ships (`npm run bench`
    // builds first). Run from source through tsx it is ~25% slower: tsx compiles with esbuild's
    // keepNames, which calls `__name(fn, ...)` (a defineProperty) for every closure it creates.
    execArgv: ['--import', 'tsx', ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [])],
    // Port 0: a fixed one could be taken by one of the load's own 500 client sockets.
    env: { ...process.env, ...env, PORT: '0' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return serverReady(child, file);
}

/** Resolves once the server in `child` (`bench/servers/<file>`) says where it listens, over its IPC channel. */
export function serverReady(child: ChildProcess, file: string): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    child.once('message', (m: { ready: string }) => resolve({ url: m.ready, child }));
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code}`)));
  });
}

/** SIGINT lets the server shut down and write its CPU profile. */
export function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
}

/** The CPU (µs, every thread) a server process has used so far: see cpu-report.ts. */
function cpuOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const answer = (m: { cpu?: NodeJS.CpuUsage }) => {
      if (!m.cpu) return;
      child.off('message', answer);
      resolve(m.cpu.user + m.cpu.system);
    };
    child.on('message', answer);
    child.send('cpu');
  });
}

/** A load run, and the CPU (µs) the server used over it. */
export async function measured(
  server: ServerProcess,
  req: LoadRequest,
  seconds: number,
  connections = 10,
): Promise<LoadResult & { cpu: number }> {
  const before = await cpuOf(server.child);
  const result = await load(server.url, req, seconds, connections);
  return { ...result, cpu: (await cpuOf(server.child)) - before };
}
