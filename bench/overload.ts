/**
 * The overload case of issue 15: 500 connections asking for 50 rows each while a probe asks
 * `/health` and `/health/ready` every 100 ms. Passes when the load sees no errors, every probe
 * answers within 100 ms, and the server's resident memory over the last fifth of the run is
 * within 25% of what it was over the second fifth (flat, not growing with time: by then all 500
 * connections have a request waiting, so what the waiting requests hold is in both figures).
 * Each fifth is judged by its median sample: one sample rises and falls by a fifth with V8's
 * collections, and a single end sample caught at a peak read as growth that the tenths showed
 * was not there. The size after the first second, while the requests still arrive, is printed
 * beside it; the run lasts at least 30 s, since V8 takes several seconds to settle its heap
 * under this load. The load runs in its own process, so the probe's timings are not those of a
 * client busy with 500 connections.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadInChild } from './load';
import type { Row } from './results';
import type { Seeded } from './seed';

function rssMiB(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

async function probe(url: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  if (!res.ok) return Number.POSITIVE_INFINITY;
  return performance.now() - started;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[sorted.length >> 1] ?? 0);
}

function slowest(values: number[], n: number): string {
  return [...values]
    .sort((a, b) => b - a)
    .slice(0, n)
    .map((v) => Math.round(v))
    .join(', ');
}

/** The median of the `n`th fifth of `values` (0-based). */
function fifthMedian(values: number[], n: number): number {
  return median(values.slice(Math.floor((n * values.length) / 5), Math.floor(((n + 1) * values.length) / 5)));
}

function tenths(values: number[]): string {
  return Array.from({ length: 10 }, (_, i) => values[Math.floor((i * values.length) / 10)]).join(' ');
}

export async function overload(
  engine: string,
  server: { url: string; child: ChildProcess },
  seeded: Seeded,
  seconds: number,
): Promise<Row> {
  const probes: number[] = [];
  const rss: number[] = [];
  let running = true;
  const prober = (async () => {
    while (running) {
      const [h, r] = await Promise.all([probe(`${server.url}/health`), probe(`${server.url}/health/ready`)]);
      probes.push(h, r);
      rss.push(rssMiB(server.child));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const result = await loadInChild(
    server.url,
    {
      path: '/rest/v1/notes?limit=50&offset=100&order=id.asc',
      headers: { authorization: `Bearer ${seeded.adminToken}` },
    },
    seconds,
    500,
  );
  running = false;
  await prober;
  const worstProbe = Math.round(Math.max(...probes));
  const early = rss[Math.min(10, rss.length - 1)];
  const settled = fifthMedian(rss, 1);
  const last = fifthMedian(rss, 4);
  const ok = result.errors === 0 && result.non2xx === 0 && worstProbe <= 100 && last <= settled * 1.25;
  console.log(
    `\n== ${engine}: overload (500 connections, list 50, ${seconds} s)\n` +
      `load ${result.rps} req/s, p99 ${result.p99} ms, ${result.errors} errors${result.errorKinds ? ` ${JSON.stringify(result.errorKinds)}` : ''}, ${result.non2xx} non-2xx\n` +
      `probes: ${probes.length}, slowest /health or /ready ${worstProbe} ms (goal ≤ 100), median ${median(probes)} ms, slowest five ${slowest(probes, 5)}\n` +
      `rss ${early} MiB after 1 s, ${settled} MiB in the second fifth, ${last} MiB in the last (medians; ${rss[rss.length - 1]} MiB at the end, ${Math.max(...rss)} MiB peak; by tenths ${tenths(rss)})\n` +
      `overload goal ${ok ? 'met' : 'NOT met'}`,
  );
  return {
    engine,
    scenario: 'overload',
    lockstep: result,
    worstProbeMs: worstProbe,
    rssMiB: { early, settled, last },
    goalMet: ok,
  };
}
