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
  /** Requests answered. */
  requests: number;
  /** What the failed requests failed with (error code or message: count), when any failed. */
  errorKinds?: Record<string, number>;
}

export async function load(base: string, req: LoadRequest, seconds: number, connections = 10): Promise<LoadResult> {
  const errorKinds: Record<string, number> = {};
  // Without a callback autocannon returns its instance, which is also a promise of the result.
  const run = autocannon({
    url: `${base}${req.path}`,
    method: req.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...req.headers },
    body: req.body,
    connections,
    duration: seconds,
  }) as unknown as autocannon.Instance & PromiseLike<autocannon.Result>;
  run.on('reqError', (error: Error & { code?: string }) => {
    const kind = error.code ?? error.message;
    errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
  });
  const result = await run;
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    requests: result.requests.total,
    ...(Object.keys(errorKinds).length > 0 ? { errorKinds } : {}),
  };
}

/** Runs of the same load as one: mean rate and percentiles, the worst maximum, all failures. */
export function combined(...results: LoadResult[]): LoadResult {
  const mean = (pick: (r: LoadResult) => number) => results.reduce((sum, r) => sum + pick(r), 0) / results.length;
  const sum = (pick: (r: LoadResult) => number) => results.reduce((total, r) => total + pick(r), 0);
  return {
    rps: Math.round(mean((r) => r.rps)),
    p50: Math.round(mean((r) => r.p50) * 10) / 10,
    p99: Math.round(mean((r) => r.p99) * 10) / 10,
    max: Math.max(...results.map((r) => r.max)),
    errors: sum((r) => r.errors),
    non2xx: sum((r) => r.non2xx),
    requests: sum((r) => r.requests),
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
