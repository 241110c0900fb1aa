/**
 * The set-up the browser examples share (not an example, not a workspace): the example's page
 * built for the browser with esbuild and served from one origin, the reference server on another
 * (CORS open to the page), and headless Chromium (Debian's package, driven by playwright-core;
 * never a browser download).
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, listen, type RunningServer } from '@lockstep/server';
import { build } from 'esbuild';
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A file the page server answers: its content type and body. */
export type Served = [type: string, body: string | Buffer];

/** The page's origin and the reference server, once started. */
export interface BrowserFixture {
  origin: string;
  lockstep: RunningServer;
}

/** Bundles `entry` (under the example's `src/`) for the browser, resolving workspace packages to their source. */
export async function bundle(exampleDir: string, entry: string): Promise<string> {
  const result = await build({
    entryPoints: [join(exampleDir, 'src', entry)],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['source'],
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/**
 * Before the file: serves `files()` by path (anything else gets the example's index.html) and
 * starts the reference server with CORS open to that origin. After it: stops both.
 */
export function useBrowserPage(exampleDir: string, files: () => Promise<Record<string, Served>>): BrowserFixture {
  const fixture = {} as BrowserFixture;
  let page: Server | undefined;
  beforeAll(async () => {
    if (!existsSync(chromiumPath))
      throw new Error(`no Chromium at ${chromiumPath}: apt-get install chromium (or set CHROMIUM_PATH)`);
    const served = await files();
    const html = readFileSync(join(exampleDir, 'index.html'));
    page = createServer((req, res) => {
      const [type, body] = served[new URL(req.url ?? '/', 'http://x').pathname] ?? ['text/html', html];
      res.writeHead(200, { 'content-type': type });
      res.end(body);
    });
    await new Promise<void>((resolve) => page!.listen(0, '127.0.0.1', resolve));
    fixture.origin = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;
    const app = await createApp({
      dataDir: mkdtempSync(join(tmpdir(), 'lockstep-browser-')),
      logLevel: 'silent',
      corsOrigins: [fixture.origin],
    });
    fixture.lockstep = await listen(app, 0, '127.0.0.1', false);
  });
  afterAll(async () => {
    await fixture.lockstep?.stop();
    page?.close();
  });
  return fixture;
}

/** Runs `run` in a new tab of a fresh headless Chromium, closed afterwards. */
export async function inChromium(run: (tab: Page) => Promise<void>): Promise<void> {
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
    await run(await browser.newPage());
  } finally {
    await browser.close();
  }
}
