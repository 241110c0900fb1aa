/**
 * Builds src/app.ts for the browser with esbuild, serves it from one origin and the reference
 * server from another, runs it in headless Chromium (Debian's package, driven by
 * playwright-core; never a browser download), then writes rows over HTTP from Node and waits
 * for the page to list them.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, listen, type RunningServer } from '@lockstep/server';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const here = join(import.meta.dirname, '..');
const admin = { email: 'admin@example.com', password: 'Realtime-pass-1' };
let page: Server;
let lockstep: RunningServer;
let origin: string;
let token: string;

async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: [join(here, 'src/app.ts')],
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
  const script = await bundle();
  const html = readFileSync(join(here, 'index.html'));
  page = createServer((req, res) => {
    const isScript = req.url?.startsWith('/app.js');
    res.writeHead(200, { 'content-type': isScript ? 'text/javascript' : 'text/html' });
    res.end(isScript ? script : html);
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

it('lists in the page the rows written over HTTP, as they commit', async () => {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-quic'],
  });
  try {
    const tab = await browser.newPage();
    await tab.goto(`${origin}/?api=${encodeURIComponent(lockstep.url)}`);
    await tab.waitForSelector('#status[data-subscribed="true"], #status[data-failed="true"]', { timeout: 10_000 });
    expect(await tab.textContent('#status')).toBe('subscribed to db:notes');
    const row = await api('POST', '/api/tables/notes/rows', { title: 'Hello from HTTP' });
    await api('DELETE', `/api/tables/notes/rows/${row.id}`);
    await tab.waitForFunction(() => document.querySelectorAll('#feed li').length >= 2, undefined, { timeout: 5000 });
    expect(await tab.$$eval('#feed li', (items) => items.map((li) => li.textContent))).toEqual([
      'INSERT Hello from HTTP',
      'DELETE Hello from HTTP',
    ]);
  } finally {
    await browser.close();
  }
});
