/**
 * `npm run docs`: builds the offline API reference (Redoc, its script inlined, no CDN)
 * from the bundled spec into packages/server/docs/index.html, which the server serves at
 * `/docs`. Skips the build when the page is newer than the spec.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const spec = join(root, 'packages/contract/generated/openapi.gen.json');
const out = join(root, 'packages/server/docs/index.html');

const fresh = existsSync(out) && statSync(out).mtimeMs > statSync(spec).mtimeMs;
if (fresh && !process.argv.includes('--force')) {
  console.log('docs: up to date (packages/server/docs/index.html)');
} else {
  const redocly = join(root, 'node_modules/.bin/redocly');
  execFileSync(redocly, ['build-docs', spec, '--inlineBundle', '--output', out], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  console.log('docs: built packages/server/docs/index.html');
}
