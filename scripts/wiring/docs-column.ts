/**
 * The wiring report's docs column: the built API reference is opened in headless Chromium
 * (Debian's, through playwright-core) and an operation counts as documented only when the
 * rendered page shows its section. Finding the operationId in the embedded spec would pass for
 * any operation, rendered or not.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const root = join(import.meta.dirname, '../..');
/** The built API reference (`npm run docs`). */
export const DOCS_PAGE = join(root, 'packages/server/docs/index.html');
/** What `renderedOperationsOnce` found in it, for the page as it was. */
export const RENDERED_CACHE = join(root, 'reports/docs-rendered.json');

/** The tag sections of the side menu (`/<tag>`), once Redoc has rendered it. */
async function tagSections(page: Page, timeoutMs: number): Promise<string[]> {
  await page.waitForSelector('[data-section-id]', { state: 'attached', timeout: timeoutMs });
  const ids = await page.$$eval('[data-section-id]', (els) => els.map((e) => e.getAttribute('data-section-id') ?? ''));
  return [...new Set(ids.filter((id) => /^\/[^/]+$/.test(id)))];
}

/** The operation sections (`/<tag>/<operationid>`) Redoc renders when a tag is opened. */
async function operationSections(page: Page, tag: string): Promise<string[]> {
  await page.click(`a[href="${tag}"]`);
  await page
    .waitForSelector(`[data-section-id^="${tag}/"]`, { state: 'attached', timeout: 5_000 })
    .catch(() => undefined); // a tag with no rendered operation: none of its operations count
  const ids = await page.$$eval('[data-section-id]', (els) => els.map((e) => e.getAttribute('data-section-id') ?? ''));
  return ids.filter((id) => id.startsWith(`${tag}/`));
}

/**
 * The operations the rendered reference shows, as `/<tag>/<operationid>` (lower-cased by
 * Redoc). Redoc renders a tag's operations when the tag is opened, so each is opened in turn.
 */
export async function renderedOperations(htmlFile: string, timeoutMs = 30_000): Promise<Set<string>> {
  if (!existsSync(htmlFile)) return new Set();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(htmlFile).href);
    const rendered = new Set<string>();
    for (const tag of await tagSections(page, timeoutMs))
      for (const id of await operationSections(page, tag)) rendered.add(id.toLowerCase());
    return rendered;
  } finally {
    await browser.close();
  }
}

/** Whether the rendered reference shows the operation. */
export function documentedIn(rendered: Set<string>, op: { tag: string; operationId: string }): boolean {
  return rendered.has(`/${op.tag}/${op.operationId}`.toLowerCase());
}

/** Which page a rendering was made of: its path, size and time of writing. */
function pageStamp(htmlFile: string): string {
  const { size, mtimeMs } = statSync(htmlFile);
  return `${htmlFile} ${size} ${mtimeMs}`;
}

/**
 * `renderedOperations`, kept in `cacheFile` for the page as it is now: `npm test` renders the
 * reference beside the test run (15 s of Chromium, mostly waiting on Redoc) and the wiring
 * report reads it after. A page rebuilt since is rendered again; no page, nothing rendered.
 */
export async function renderedOperationsOnce(htmlFile: string, cacheFile: string): Promise<Set<string>> {
  if (!existsSync(htmlFile)) return new Set();
  const stamp = pageStamp(htmlFile);
  if (existsSync(cacheFile)) {
    const kept = JSON.parse(readFileSync(cacheFile, 'utf8')) as { page: string; operations: string[] };
    if (kept.page === stamp) return new Set(kept.operations);
  }
  const rendered = await renderedOperations(htmlFile);
  mkdirSync(dirname(cacheFile), { recursive: true });
  writeFileSync(cacheFile, JSON.stringify({ page: stamp, operations: [...rendered] }));
  return rendered;
}
