/**
 * A TypeScript app that uses the installed SDK twice, as an ES module (`esm.mts`, `import`) and
 * as CommonJS (`cjs.cts`, `require`), with a tsconfig per module resolution to type-check it under.
 * Each uses the full client (`@lockstep/sdk`) and the lean one (`@lockstep/sdk/core`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What each consumer does with a running server; both print one JSON line. */
const body = (sdk: string, core: string) => `
declare const process: { argv: string[] };
type Database = {
  notes: { Row: { id: number; title: string }; Insert: { title: string }; Update: { title?: string } };
};
const client = ${sdk}.createClient<Database>({ url: process.argv[2], retry: false });
// Built, never awaited: the facades' types must hold in this module system too.
const read: PromiseLike<{ data?: { title: string }[] }> = client.from('notes').select('title').eq('id', 1);
const upload = () => client.storage.from('avatars').upload('a.txt', 'a', { onProgress: ({ loaded }) => loaded });
void read;
void upload;
async function main(): Promise<void> {
  const { data, error } = await client.health.check();
  const missing = await client.call('getUser', { params: { path: { userId: 'nobody' } } });
  const status: string | undefined = data?.status;
  const lean = ${core}.createCoreClient({ url: process.argv[2], retry: false });
  const coreHealth = await lean.call(${core}.getHealth);
  const coreStatus: string | undefined = coreHealth.data?.status;
  const coreMissing = await lean.call(${core}.getUser, { params: { path: { userId: 'nobody' } } });
  console.log(JSON.stringify({
    status,
    core: coreStatus,
    coreGuarded: ${core}.isLockstepError(coreMissing.error) ? coreMissing.error.status : 'no error',
    error: error?.code,
    guarded: ${sdk}.isLockstepError(missing.error) ? missing.error.status : 'no error',
  }));
}
main();
`;

const esm = `import * as sdk from '@lockstep/sdk';\nimport * as core from '@lockstep/sdk/core';\n${body('sdk', 'core')}`;
const cjs = `import sdk = require('@lockstep/sdk');\nimport core = require('@lockstep/sdk/core');\n${body('sdk', 'core')}`;

const base = { strict: true, skipLibCheck: true, lib: ['ES2022', 'DOM'], types: [], rootDir: 'src' };

/**
 * The type-check configurations: node16 emits to `out/` (run by the test) and checks the
 * packages' declaration files too (the slow part, ~20 s); the others check the app only.
 */
export const tsconfigs = {
  node16: { ...base, module: 'node16', moduleResolution: 'node16', outDir: 'out', skipLibCheck: false },
  nodenext: { ...base, module: 'nodenext', moduleResolution: 'nodenext', noEmit: true },
  bundler: { ...base, module: 'preserve', moduleResolution: 'bundler', noEmit: true },
} as const;

/** Writes `src/esm.mts`, `src/cjs.cts` and `tsconfig.<resolution>.json` into `project`. */
export function writeConsumers(project: string): void {
  mkdirSync(join(project, 'src'), { recursive: true });
  writeFileSync(join(project, 'src/esm.mts'), esm);
  writeFileSync(join(project, 'src/cjs.cts'), cjs);
  for (const [name, compilerOptions] of Object.entries(tsconfigs)) {
    const config = { compilerOptions, include: ['src'] };
    writeFileSync(join(project, `tsconfig.${name}.json`), JSON.stringify(config, null, 2));
  }
}
