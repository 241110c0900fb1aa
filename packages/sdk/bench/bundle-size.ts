/**
 * What a page ships for the SDK: each entry below is bundled for the browser as an app would be
 * (esbuild, minified, tree-shaken, ESM) and gzipped. The baseline, measured in the same run, is
 * openapi-fetch alone making one call, the transport the SDK is built on.
 * Run: `npx tsx packages/sdk/bench/bundle-size.ts`
 */
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const sdk = JSON.stringify(`${import.meta.dirname}/../src/index.ts`);
const core = JSON.stringify(`${import.meta.dirname}/../src/core.ts`);

/** Entries: a page that does one thing, and the code it imports. */
const entries: Record<string, string> = {
  'baseline: openapi-fetch, createClient + one call': `
    import createClient from 'openapi-fetch';
    const client = createClient({ baseUrl: '/' });
    client.GET('/health').then(console.log);`,
  'createClient + one call (client.health.check())': `
    import { createClient } from ${sdk};
    createClient({ url: '/' }).health.check().then(console.log);`,
  "createClient + client.call('getHealth')": `
    import { createClient } from ${sdk};
    createClient({ url: '/' }).call('getHealth').then(console.log);`,
  'core: createCoreClient + one call (call(getHealth))': `
    import { createCoreClient, getHealth } from ${core};
    createCoreClient({ url: '/' }).call(getHealth).then(console.log);`,
  'core: createCoreClient + signIn + getCurrentUser': `
    import { createCoreClient, getCurrentUser, signIn } from ${core};
    const client = createCoreClient({ url: '/' });
    client.call(signIn, { body: { email: 'a@b.c', password: 'p' } }).then(() => client.call(getCurrentUser)).then(console.log);`,
  "createClient + from('notes').select().eq().order().range()": `
    import { createClient } from ${sdk};
    createClient({ url: '/' }).from('notes').select('id,title').eq('done', false).order('id').range(0, 49).then(console.log);`,
  'the builder alone (ReadQuery over a call function)': `
    import { ReadQuery } from ${sdk};
    const call = (id, init) => fetch('/rest/v1/notes?' + init.querySerializer(init.params.query)).then((r) => r.json()).then((data) => ({ data, response: new Response() }));
    new ReadQuery(call, 'notes', 'id,title').eq('done', false).order('id').range(0, 49).then(console.log);`,
};

async function measure(source: string): Promise<{ min: number; gzip: number }> {
  const result = await build({
    stdin: { contents: source, resolveDir: import.meta.dirname, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['source'],
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  return { min: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} kB`;
const rows: string[] = [];
let baseline = 0;
for (const [name, source] of Object.entries(entries)) {
  const { min, gzip } = await measure(source);
  baseline ||= gzip;
  rows.push(`| ${name} | ${kb(min)} | ${kb(gzip)} | ${(gzip / baseline).toFixed(2)}x |`);
}
console.log(
  ['| page imports | min | min+gzip | vs baseline (gzip) |', '| --- | --- | --- | --- |', ...rows].join('\n'),
);
