/** `npm run gen`: writes every file derived from the spec. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generate, root } from './generate';

for (const [path, text] of await generate()) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
  console.log(`generated ${path}`);
}
