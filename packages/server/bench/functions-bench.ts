/**
 * `npx tsx --conditions=source packages/server/bench/functions-bench.ts`: the functions sandbox's figures, all in one run so the ratios compare
 * like with like. Warm invoke latency through HTTP (a real socket) against a plain call of
 * the sandbox pool with the same function; cold start of a new version; invocations per
 * second of a trivial function; server memory with 100 deployed functions. SQLite in a
 * temporary directory; nothing else is needed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, listen } from '@lockstep/server';
import { compileSource } from '../src/modules/functions/compile';
import { SandboxPool } from '../src/modules/functions/sandbox/pool';

const CODE = 'export default async function handler(req) { return { message: "Hello World" } }';
const WARM_RUNS = Number(process.env.BENCH_RUNS ?? 300);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summary(label: string, samples: number[]): { p50: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const out = { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
  console.log(
    `${label.padEnd(44)} p50 ${out.p50.toFixed(2)} ms   p99 ${out.p99.toFixed(2)} ms   (n=${samples.length})`,
  );
  return out;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-bench-fn-'));
  const app = await createApp({ dataDir: dir, logLevel: 'silent', jwtSecret: 'bench-secret-0123456789abcdef0123' });
  const server = await listen(app, 0, '127.0.0.1', false);
  const base = server.url;
  const post = (path: string, body: unknown, token?: string) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
  try {
    const password = 'Bench-password-123!';
    await post('/setup/admin', { email: 'bench@example.com', password, confirm_password: password });
    const signIn = await (await post('/auth/login', { email: 'bench@example.com', password })).json();
    const token = signIn.access_token;
    const fn = await (await post('/functions', { name: 'bench-hello', runtime: 'deno', code: CODE }, token)).json();
    const invoke = (id: string) => post(`/functions/${id}/invoke`, {}, token).then((r) => r.json());

    // Warm: through HTTP, and the same function through the pool directly.
    for (let i = 0; i < 20; i++) await invoke(fn.id);
    const http: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) http.push(await timed(() => invoke(fn.id)));
    const pool = new SandboxPool({ size: 2 });
    const row = await app.services.functions.find(fn.id);
    const { compiled } = await compileSource(CODE);
    const job = {
      code: compiled,
      payloadJson: '{}',
      contextJson: '{}',
      limits: {
        timeoutMs: Number(row.timeout_ms),
        cpuMs: 5000,
        memoryBytes: Number(row.memory_mb) * 1048576,
        maxResultBytes: 1048576,
        maxLogLines: 1000,
        maxLogChars: 262144,
        maxFetches: 50,
      },
      fetch: { allowedHosts: [], allowPrivateNetwork: false },
    };
    for (let i = 0; i < 20; i++) await pool.run(job);
    const direct: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) direct.push(await timed(() => pool.run(job)));
    const h = summary('warm invoke through HTTP', http);
    const d = summary('warm run in-process (pool.run)', direct);
    console.log(
      `${'ratio HTTP / in-process'.padEnd(44)} p50 ${(h.p50 / d.p50).toFixed(2)}x   p99 ${(h.p99 / d.p99).toFixed(2)}x`,
    );
    await pool.close();

    // Cold start of a new version: deploy, then the first invocation.
    const cold: number[] = [];
    for (let i = 0; i < 10; i++) {
      await post(`/functions/${fn.id}/deploy`, {}, token);
      cold.push(await timed(() => invoke(fn.id)));
    }
    summary('first invoke after a deploy (new version)', cold);
    const coldPool: number[] = [];
    for (let i = 0; i < 3; i++) {
      const fresh = new SandboxPool({ size: 1 });
      coldPool.push(await timed(() => fresh.run(job)));
      await fresh.close();
    }
    summary('first run on a new worker thread (boot)', coldPool);

    // Throughput: 8 requests in flight for 5 seconds.
    let done = 0;
    const until = performance.now() + 5000;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (performance.now() < until) {
          await invoke(fn.id);
          done++;
        }
      }),
    );
    console.log(`${'invocations per second (8 in flight, HTTP)'.padEnd(44)} ${(done / 5).toFixed(0)}/s`);

    // Memory with 100 deployed functions.
    const before = process.memoryUsage().rss;
    for (let i = 0; i < 100; i++) {
      const created = await (
        await post('/functions', { name: `bench-${i}`, runtime: 'javascript', code: CODE }, token)
      ).json();
      await invoke(created.id);
    }
    const after = process.memoryUsage().rss;
    console.log(
      `${'server RSS with 100 deployed functions'.padEnd(44)} ${(after / 1048576).toFixed(0)} MiB (+${((after - before) / 1048576).toFixed(0)} MiB for the 100)`,
    );
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
