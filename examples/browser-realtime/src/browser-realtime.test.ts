/**
 * Builds src/app.ts for the browser with esbuild, serves it from one origin and the reference
 * server from another, runs it in headless Chromium (Debian's package, driven by
 * playwright-core; never a browser download), then writes rows over HTTP from Node and waits
 * for the page to list them. The same page also runs against the msw mocks (under `/mock/`,
 * with src/with-mock.ts), a change played by the realtime mock.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, listen, type RunningServer } from '@lockstep/server';
import { build } from 'esbuild';
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const here = join(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const admin = { email: 'admin@example.com', password: 'Realtime-pass-1' };
let page: Server;
let lockstep: RunningServer;
let origin: string;
let token: string;

async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [join(here, 'src', entry)],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['source'],
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

async function api(method: string, path: string, body?: unknown): Promise<any> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${lockstep.url}${path}`, { method, headers, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? undefined : res.json();
}

beforeAll(async () => {
  if (!existsSync(chromiumPath))
    throw new Error(`no Chromium at ${chromiumPath}: apt-get install chromium (or set CHROMIUM_PATH)`);
  const files: Record<string, [string, string | Buffer]> = {
    '/app.js': ['text/javascript', await bundle('app.ts')],
    '/mock/app.js': ['text/javascript', await bundle('with-mock.ts')],
    '/mockServiceWorker.js': ['text/javascript', readFileSync(require.resolve('msw/mockServiceWorker.js'))],
  };
  const html = readFileSync(join(here, 'index.html'));
  page = createServer((req, res) => {
    const [type, body] = files[new URL(req.url ?? '/', 'http://x').pathname] ?? ['text/html', html];
    res.writeHead(200, { 'content-type': type });
    res.end(body);
  });
  await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;
  const app = await createApp({
    dataDir: mkdtempSync(join(tmpdir(), 'lockstep-realtime-')),
    logLevel: 'silent',
    corsOrigins: [origin],
  });
  lockstep = await listen(app, 0, '127.0.0.1', false);
  await api('POST', '/setup/admin', { ...admin, confirm_password: admin.password });
  token = (await api('POST', '/auth/login', admin)).access_token;
  await api('POST', '/api/tables', { name: 'notes', columns: [{ name: 'title', type: 'text' }] });
});

afterAll(async () => {
  await lockstep?.stop();
  page?.close();
});

async function inChromium(run: (tab: Page) => Promise<void>): Promise<void> {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-quic'],
  });
  try {
    await run(await browser.newPage());
  } finally {
    await browser.close();
  }
}

async function subscribed(tab: Page): Promise<void> {
  await tab.waitForSelector('#status[data-subscribed="true"], #status[data-failed="true"]', { timeout: 10_000 });
  expect(await tab.textContent('#status')).toBe('subscribed to db:notes');
}

async function feed(tab: Page, count: number): Promise<(string | null)[]> {
  await tab.waitForFunction((n) => document.querySelectorAll('#feed li').length >= n, count, { timeout: 5000 });
  return tab.$$eval('#feed li', (items) => items.map((li) => li.textContent));
}

it('lists in the page the rows written over HTTP, as they commit', async () => {
  await inChromium(async (tab) => {
    await tab.goto(`${origin}/?api=${encodeURIComponent(lockstep.url)}`);
    await subscribed(tab);
    const row = await api('POST', '/api/tables/notes/rows', { title: 'Hello from HTTP' });
    await api('DELETE', `/api/tables/notes/rows/${row.id}`);
    expect(await feed(tab, 2)).toEqual(['INSERT Hello from HTTP', 'DELETE Hello from HTTP']);
  });
});

it('runs the same page against the msw mocks, a change played by the realtime mock', async () => {
  await inChromium(async (tab) => {
    await tab.goto(`${origin}/mock/`);
    await subscribed(tab);
    const reached = await tab.evaluate(() =>
      (window as any).realtimeMock.emitChange({ table: 'notes', event: 'INSERT', record: { id: 1, title: 'Mocked' } }),
    );
    expect(reached).toBe(1);
    expect(await feed(tab, 1)).toEqual(['INSERT Mocked']);
  });
});
