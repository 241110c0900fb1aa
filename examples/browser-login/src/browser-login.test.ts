/**
 * Builds src/app.ts for the browser with esbuild, serves it from one origin and the
 * reference server from another (CORS), and runs it in headless Chromium (Debian's
 * package, driven by playwright-core; never a browser download).
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { bundle, inChromium, useBrowserPage } from '../../browser-support/src/browser-fixture';

const here = join(import.meta.dirname, '..');
const page = useBrowserPage(here, async () => ({ '/app.js': ['text/javascript', await bundle(here, 'app.ts')] }));

it('signs in, reads the user, refreshes and replays after a bad token, across origins', async () => {
  await inChromium(async (tab) => {
    await tab.goto(`${page.origin}/?api=${encodeURIComponent(page.lockstep.url)}`);
    await tab.waitForSelector('#result[data-done="true"]', { timeout: 15_000 });
    const result = JSON.parse((await tab.textContent('#result')) ?? '{}');
    expect(result).toEqual({
      storedAfterLogin: true,
      firstEmail: 'admin@example.com',
      replayedEmail: 'admin@example.com',
      refreshRotated: true,
      wrongPassword: '401 INVALID_CREDENTIALS: Wrong email or password.',
    });
  });
});
