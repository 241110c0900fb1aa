/**
 * Where `/health`'s time goes, layer by layer, in one run (decision 0010's table): Node's http
 * server alone, + @hono/node-server and Hono, Fastify (the baseline's framework), the reference
 * server with its logs and observability off, and as shipped. Each answers the same body and
 * headers; each is measured in turn, in mirrored order over several rounds, and its CPU per
 * request (every thread of its process) is the median round's. The difference between two
 * rows is what that layer costs a request.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from './load';
import type { Row } from './results';
import { measured, type ServerProcess, startServer, stopServer } from './servers/processes';

const ROUNDS = 4;

const layers: { name: string; file: string; env: Record<string, string> }[] = [
  { name: 'node:http alone', file: 'layer.ts', env: { LAYER: 'node' } },
  { name: '+ @hono/node-server, Hono', file: 'layer.ts', env: { LAYER: 'hono' } },
  { name: 'Fastify (the baseline)', file: 'layer.ts', env: { LAYER: 'fastify' } },
  {
    name: 'Lockstep, logs and observability off',
    file: 'lockstep.ts',
    env: { LOG_LEVEL: 'silent', OBSERVABILITY: 'off' },
  },
  { name: 'Lockstep as shipped', file: 'lockstep.ts', env: {} },
];

const signed = (n: number) => (n < 0 ? String(n) : `+${n}`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** One load of `server`'s `/health`: requests per second and µs of CPU per request. */
async function measure(server: ServerProcess, seconds: number): Promise<{ rps: number; cpuUs: number }> {
  const run = await measured(server, { path: '/health' }, seconds);
  return { rps: run.rps, cpuUs: run.cpu / Math.max(1, run.requests) };
}

export async function layerCosts(seconds: number): Promise<Row[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lockstep-layers-'));
  const servers: ServerProcess[] = [];
  try {
    // Each reference server has a data directory of its own: two on one SQLite file would share its locks.
    for (const [i, layer] of layers.entries())
      servers.push(await startServer(layer.file, { DATA_DIR: join(dataDir, String(i)), ...layer.env }));
    for (const server of servers) await load(server.url, { path: '/health' }, 1);
    const runs = servers.map(() => [] as { rps: number; cpuUs: number }[]);
    const segment = Math.max(1, Math.round(seconds / 2));
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? servers.keys() : [...servers.keys()].reverse();
      for (const i of order) runs[i].push(await measure(servers[i], segment));
    }
    console.log(`\n== where /health's time goes, layer by layer (${ROUNDS} rounds of ${segment} s, medians)`);
    const base = median(runs[0].map((r) => r.cpuUs));
    return layers.map((layer, i) => {
      const cpuUs = Math.round(median(runs[i].map((r) => r.cpuUs)) * 10) / 10;
      const rps = Math.round(median(runs[i].map((r) => r.rps)));
      console.log(
        `${layer.name.padEnd(40)} ${String(rps).padStart(6)} req/s  ${String(cpuUs).padStart(6)} µs CPU/request  (${signed(Math.round((cpuUs - base) * 10) / 10)} over node:http)`,
      );
      return { engine: 'layers', scenario: layer.name, rps, cpuUs, ratio: Math.round((base / cpuUs) * 100) / 100 };
    });
  } finally {
    for (const server of servers) await stopServer(server.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
