/** One load run with autocannon: requests per second, latency percentiles and failures. */
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
