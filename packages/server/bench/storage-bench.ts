/**
 * Storage throughput and memory, measured against plain Node streams in the same run.
 *
 * 1. Upload and download a 100 MB file through the server over HTTP (listening on port 0,
 *    multipart upload, binary download), against copying the same bytes with plain Node
 *    streams: file to file, and a bare `node:http` server piping the request to a file.
 *    MB/s for each, and the server's figures as a ratio of the plain ones.
 * 2. The server runs in a child process; a 1 GiB upload (made on the fly by the client) is
 *    streamed to it while its RSS is sampled from /proc every 20 ms. Prints the baseline
 *    (after warm-up), the peak during the upload, and the difference. About 5 s here; skip
 *    it with `--no-1gb` (or BENCH_1GB=0).
 *
 * `--s3` (or BENCH_S3=1) also measures both on the S3 backend against an s3rver on this
 * machine (s3rver is itself a slow Node server; it bounds those figures).
 *
 * Run: npx tsx --conditions=source packages/server/bench/storage-bench.ts [--no-1gb] [--s3]
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createApp } from '../src/app';
import { listen } from '../src/node-server';
import { startS3rver } from '../src/storage/s3rver-fixture';
import { storageConfigFromEnv } from '../src/storage/storage-config';

const MB = 1024 * 1024;
const SIZE = Number(process.env.BENCH_MB ?? 100) * MB;
const BIG = 1024 * MB;
const BOUNDARY = 'lockstep-bench-boundary';
const args = new Set(process.argv.slice(2));

function pattern(size: number): Buffer {
  const out = Buffer.alloc(size);
  for (let i = 0; i < size; i += 4) out.writeUInt32LE((i * 2654435761) >>> 0, i);
  return out;
}

/** A stream of `size` bytes made on the fly (64 KiB chunks), so the client holds no file. */
function generated(size: number): Readable {
  const chunk = pattern(64 * 1024);
  let left = size;
  return new Readable({
    read() {
      if (left <= 0) return void this.push(null);
      const n = Math.min(chunk.length, left);
      left -= n;
      this.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    },
  });
}

async function seconds(task: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await task();
  return (performance.now() - started) / 1000;
}

const RUNS = 3;

/** The median of `RUNS` timings of `task(run)`. */
async function median(task: (run: number) => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) times.push(await seconds(() => task(run)));
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

function rate(bytes: number, s: number): string {
  return `${(bytes / MB / s).toFixed(0).padStart(5)} MB/s`;
}

async function json(method: string, url: string, body?: unknown, token?: string): Promise<any> {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response.json();
}

/** An admin token and a bucket on a running server. */
async function prepare(base: string): Promise<{ token: string; bucket: string }> {
  const password = 'Bench-passphrase-1';
  await json('POST', `${base}/setup/admin`, { email: 'bench@example.com', password, confirm_password: password });
  const { access_token: token } = await json('POST', `${base}/auth/login`, { email: 'bench@example.com', password });
  await json('POST', `${base}/storage/buckets`, { name: 'bench', policy: 'private' }, token);
  return { token, bucket: 'bench' };
}

/** Streams `body` (`size` bytes) as a multipart upload; resolves with the reply. */
function uploadStream(base: string, token: string, key: string, body: Readable, size: number): Promise<any> {
  const head = Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${key}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}/storage/buckets/bench/files`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
        'content-length': String(head.length + size + tail.length),
      },
    });
    req.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        if (res.statusCode !== 201) reject(new Error(`upload answered ${res.statusCode}: ${text}`));
        else resolve(JSON.parse(text));
      });
    });
    req.on('error', reject);
    req.write(head);
    body.on('end', () => req.end(tail));
    body.pipe(req, { end: false });
  });
}

async function downloadTo(base: string, token: string, key: string, file: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    httpRequest(`${base}/storage/buckets/bench/files/${encodeURIComponent(key)}/download`, {
      headers: { authorization: `Bearer ${token}` },
    })
      .on('response', (res) => {
        if (res.statusCode !== 200) reject(new Error(`download answered ${res.statusCode}`));
        pipeline(res, createWriteStream(file)).then(resolve, reject);
      })
      .on('error', reject)
      .end();
  });
}

/** A bare node:http server that writes the request body to a file: HTTP with no server logic. */
async function plainHttpUpload(src: string, dst: string): Promise<number> {
  const server = createServer((req, res) => {
    pipeline(req, createWriteStream(dst)).then(() => res.end('ok'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const s = await seconds(
    () =>
      new Promise<void>((resolve, reject) => {
        const req = httpRequest(`http://127.0.0.1:${port}/`, {
          method: 'POST',
          headers: { 'content-length': String(statSync(src).size) },
        });
        req.on('response', (res) => res.resume().on('end', resolve));
        req.on('error', reject);
        createReadStream(src).pipe(req);
      }),
  );
  server.close();
  return s;
}

async function throughput(backend: 'local' | 's3'): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-bench-'));
  const s3 = backend === 's3' ? await startS3rver('lockstep-bench') : undefined;
  try {
    const src = join(dir, 'source.bin');
    await pipeline(generated(SIZE), createWriteStream(src));
    const copy = await median(() => pipeline(createReadStream(src), createWriteStream(join(dir, 'copy.bin'))));
    const http: number[] = [];
    for (let run = 0; run < RUNS; run++) http.push(await plainHttpUpload(src, join(dir, 'http.bin')));
    const plainHttp = http.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
    const app = await createApp({
      dataDir: join(dir, 'data'),
      logLevel: 'silent',
      ...(s3 ? { storageBackend: 's3' as const, s3: s3.options } : {}),
    });
    const server = await listen(app, 0, '127.0.0.1', false);
    const { token } = await prepare(server.url);
    const up = await median((run) => uploadStream(server.url, token, `big-${run}.bin`, createReadStream(src), SIZE));
    const down = await median((run) => downloadTo(server.url, token, `big-${run}.bin`, join(dir, 'down.bin')));
    const same = readFileSync(join(dir, 'down.bin')).equals(readFileSync(src));
    await server.stop();
    const mb = (SIZE / MB).toFixed(0);
    console.log(`\n${mb} MB through the server, ${backend} backend (same bytes, same run; median of ${RUNS})`);
    console.log(`  plain stream copy, file to file      ${rate(SIZE, copy)}  (${copy.toFixed(2)} s)`);
    console.log(`  plain node:http upload to a file     ${rate(SIZE, plainHttp)}  (${plainHttp.toFixed(2)} s)`);
    console.log(
      `  server upload (multipart, HTTP)      ${rate(SIZE, up)}  (${up.toFixed(2)} s)  ${(copy / up).toFixed(2)}× the file copy, ${(plainHttp / up).toFixed(2)}× plain HTTP`,
    );
    console.log(
      `  server download (HTTP)               ${rate(SIZE, down)}  (${down.toFixed(2)} s)  ${(copy / down).toFixed(2)}× the file copy; bytes identical: ${same}`,
    );
  } finally {
    await s3?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function rssOf(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/** The child: a server on port 0 that prints its URL. */
async function serve(): Promise<void> {
  const dataDir = process.env.BENCH_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'lockstep-bench-child-'));
  const app = await createApp({ ...storageConfigFromEnv(process.env), dataDir, logLevel: 'silent' });
  const server = await listen(app, 0, '127.0.0.1', false);
  process.stdout.write(`${server.url}\n`);
  process.on('SIGTERM', () => server.stop().then(() => process.exit(0)));
}

async function memory(backend: 'local' | 's3'): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-bench-1gb-'));
  const s3 = backend === 's3' ? await startS3rver('lockstep-bench') : undefined;
  const s3Env = s3
    ? {
        STORAGE_BACKEND: 's3',
        S3_ENDPOINT: s3.options.endpoint,
        S3_REGION: s3.options.region,
        S3_BUCKET: s3.options.bucket,
        S3_ACCESS_KEY_ID: s3.options.accessKeyId,
        S3_SECRET_ACCESS_KEY: s3.options.secretAccessKey,
      }
    : {};
  const child = spawn(process.execPath, [...process.execArgv, new URL(import.meta.url).pathname, '--serve'], {
    env: { ...process.env, ...s3Env, BENCH_DATA_DIR: dir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.once('data', (line: Buffer) => resolve(line.toString().trim()));
      child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    const { token } = await prepare(url);
    await uploadStream(url, token, 'warm.bin', generated(20 * MB), 20 * MB);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const baseline = rssOf(child.pid!).rss;
    let peak = baseline;
    let samples = 0;
    const sampler = setInterval(() => {
      samples++;
      peak = Math.max(peak, rssOf(child.pid!).rss);
    }, 20);
    const s = await seconds(() => uploadStream(url, token, 'one-gib.bin', generated(BIG), BIG));
    clearInterval(sampler);
    peak = Math.max(peak, rssOf(child.pid!).rss);
    const stored = (await json('GET', `${url}/storage/buckets/bench/files/one-gib.bin`, undefined, token)).size;
    console.log(`\n1 GiB upload, ${backend} backend, server in a child process (RSS sampled every 20 ms)`);
    console.log(`  upload                               ${rate(BIG, s)}  (${s.toFixed(1)} s), stored ${stored} bytes`);
    console.log(`  server RSS baseline (after warm-up)  ${(baseline / MB).toFixed(0)} MB`);
    console.log(`  server RSS peak during the upload    ${(peak / MB).toFixed(0)} MB (${samples} samples)`);
    console.log(
      `  server RSS high-water mark (VmHWM)   ${(rssOf(child.pid!).hwm / MB).toFixed(0)} MB, start-up included`,
    );
    console.log(
      `  growth                               ${((peak - baseline) / MB).toFixed(0)} MB for ${BIG / MB} MB uploaded`,
    );
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await s3?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (args.has('--serve')) {
  await serve();
} else {
  await throughput('local');
  if (args.has('--s3') || process.env.BENCH_S3 === '1') await throughput('s3');
  if (!args.has('--no-1gb') && process.env.BENCH_1GB !== '0') {
    await memory('local');
    if (args.has('--s3') || process.env.BENCH_S3 === '1') await memory('s3');
  }
}
