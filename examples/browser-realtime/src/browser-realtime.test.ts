/**
 * Builds src/app.ts for the browser with esbuild, serves it from one origin and the reference
 * server from another, runs it in headless Chromium (Debian's package, driven by
 * playwright-core; never a browser download), then writes rows over HTTP from Node and waits
 * for the page to list them. The same page also runs against the msw mocks (under `/mock/`,
 * with src/with-mock.ts), a change played by the realtime mock.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { bundle, inChromium, useBrowserPage } from '../../browser-support/src/browser-fixture';

const here = join(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const admin = { email: 'admin@example.com', password: 'Realtime-pass-1' };
let token: string;

const page = useBrowserPage(here, async () => ({
  '/app.js': ['text/javascript', await bundle(here, 'app.ts')],
  '/mock/app.js': ['text/javascript', await bundle(here, 'with-mock.ts')],
  '/mockServiceWorker.js': ['text/javascript', readFileSync(require.resolve('msw/mockServiceWorker.js'))],
}));

async function api(method: string, path: string, body?: unknown): Promise<any> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${page.lockstep.url}${path}`, { method, headers, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? undefined : res.json();
}

beforeAll(async () => {
  await api('POST', '/setup/admin', { ...admin, confirm_password: admin.password });
  token = (await api('POST', '/auth/login', admin)).access_token;
  await api('POST', '/api/tables', { name: 'notes', columns: [{ name: 'title', type: 'text' }] });
});

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
    await tab.goto(`${page.origin}/?api=${encodeURIComponent(page.lockstep.url)}`);
    await subscribed(tab);
    const row = await api('POST', '/api/tables/notes/rows', { title: 'Hello from HTTP' });
    await api('DELETE', `/api/tables/notes/rows/${row.id}`);
    expect(await feed(tab, 2)).toEqual(['INSERT Hello from HTTP', 'DELETE Hello from HTTP']);
  });
});

it('runs the same page against the msw mocks, a change played by the realtime mock', async () => {
  await inChromium(async (tab) => {
    await tab.goto(`${page.origin}/mock/`);
    await subscribed(tab);
    const reached = await tab.evaluate(() =>
      (window as any).realtimeMock.emitChange({ table: 'notes', event: 'INSERT', record: { id: 1, title: 'Mocked' } }),
    );
    expect(reached).toBe(1);
    expect(await feed(tab, 1)).toEqual(['INSERT Mocked']);
  });
});
