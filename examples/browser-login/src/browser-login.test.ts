/**
 * Builds src/app.ts for the browser with esbuild, serves it from one origin and the
 * reference server from another (CORS), and runs it in headless Chromium (Debian's
 * package, driven by playwright-core; never a browser download).
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
let page: Server;
let lockstep: RunningServer;
let origin: string;

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
    dataDir: mkdtempSync(join(tmpdir(), 'lockstep-browser-')),
    logLevel: 'silent',
    corsOrigins: [origin],
  });
  lockstep = await listen(app, 0, '127.0.0.1', false);
});

afterAll(async () => {
  await lockstep?.stop();
  page?.close();
});

it('signs in, reads the user, refreshes and replays after a bad token, across origins', async () => {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  try {
    const tab = await browser.newPage();
    await tab.goto(`${origin}/?api=${encodeURIComponent(lockstep.url)}`);
    await tab.waitForSelector('#result[data-done="true"]', { timeout: 15_000 });
    const result = JSON.parse((await tab.textContent('#result')) ?? '{}');
    expect(result).toEqual({
      storedAfterLogin: true,
      firstEmail: 'admin@example.com',
      replayedEmail: 'admin@example.com',
      refreshRotated: true,
      wrongPassword: '401 INVALID_CREDENTIALS: Wrong email or password.',
    });
  } finally {
    await browser.close();
  }
});
