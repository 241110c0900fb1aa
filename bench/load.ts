/** One load run with autocannon: requests per second, latency percentiles and failures. */
import { fork } from 'node:child_process';
import autocannon from 'autocannon';

export interface LoadRequest {
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
}

export async function load(base: string, req: LoadRequest, seconds: number, connections = 10): Promise<LoadResult> {
  const result = await autocannon({
    url: `${base}${req.path}`,
    method: req.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...req.headers },
    body: req.body,
    connections,
    duration: seconds,
  });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** `load` in a child process (this file run directly), for a client that must stay idle meanwhile. */
export function loadInChild(base: string, req: LoadRequest, seconds: number, connections: number): Promise<LoadResult> {
  const child = fork(import.meta.filename, [JSON.stringify({ base, req, seconds, connections })], {
    execArgv: ['--import', 'tsx'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (result: LoadResult) => resolve(result));
    child.once('exit', (code) => reject(new Error(`load child exited with ${code}`)));
  });
}

if (process.argv[1] === import.meta.filename && process.argv[2]) {
  const { base, req, seconds, connections } = JSON.parse(process.argv[2]);
  process.send?.(await load(base, req, seconds, connections));
  process.exit(0);
}
