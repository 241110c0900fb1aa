/**
 * `npm run docs`: builds the offline API reference (Redoc, its script inlined, no CDN)
 * from the bundled spec into packages/server/docs/index.html, which the server serves at
 * `/docs`. Skips the build when the page is newer than the spec. Redoc's bundle still names
 * a CDN for its logo and icon sets; those URLs are blanked so the page never reaches out.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withoutBanners } from './without-banners';

const root = join(import.meta.dirname, '..');
const spec = join(root, 'packages/contract/generated/openapi.gen.json');
const out = join(root, 'packages/server/docs/index.html');

/** The page with every CDN URL replaced by an empty data URL. */
export function withoutCdn(html: string): string {
  return html.replace(/https:\/\/cdn\.redoc(?:ly)?\.(?:ly|com)\/[^`'"\s)]*/g, 'data:,');
}

/** Builds the page unless it is newer than the spec (or `force`). */
export function buildDocs(force = false): void {
  const fresh = existsSync(out) && statSync(out).mtimeMs > statSync(spec).mtimeMs;
  if (fresh && !force) {
    console.log('docs: up to date (packages/server/docs/index.html)');
  } else {
    const redocly = join(root, 'node_modules/.bin/redocly');
    try {
      // Quiet on success: Redocly prints notices (Node 20's end of life, Redoc 3) on every run.
      execFileSync(redocly, ['build-docs', spec, '--inlineBundle', '--output', out], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      });
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: Buffer; stderr?: Buffer };
      process.stderr.write(withoutBanners(`${stdout}${stderr}`));
      throw error;
    }
    writeFileSync(out, withoutCdn(readFileSync(out, 'utf8')));
    console.log('docs: built packages/server/docs/index.html');
  }
}

if (import.meta.url === `file://${process.argv[1]}`) buildDocs(process.argv.includes('--force'));
