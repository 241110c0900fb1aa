/** `npm run gen:check`: fails when a generated file differs from what the spec gives now, is missing, or should not be there. */
import { generate, root } from './generate';
import { staleFiles } from './stale';

const stale = staleFiles(await generate(), root);
for (const file of stale) console.error(`stale (${file.reason}): ${file.path}`);
if (stale.length > 0) {
  console.error(
    `${stale.length} generated file(s) are stale: run npm run gen, delete files it does not write, and commit.`,
  );
  process.exit(1);
}
console.log('generated files are up to date');
