/** `npm run gen:check`: fails when a generated file differs from what the spec gives now. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate, root } from './generate';

let stale = 0;
for (const [path, text] of await generate()) {
  const file = join(root, path);
  if (existsSync(file) && readFileSync(file, 'utf8') === text) continue;
  console.error(`stale: ${path}`);
  stale++;
}
if (stale > 0) {
  console.error(`${stale} generated file(s) are stale: run npm run gen and commit.`);
  process.exit(1);
}
console.log('generated files are up to date');
