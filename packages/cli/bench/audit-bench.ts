/**
 * Times `lockstep audit` over a generated frontend of 1,000 source files in mixed call styles,
 * against a baseline measured in the same run: reading and parsing the same files with
 * `ts.createSourceFile` and nothing else. Fails (exit 1) over the 10 s budget.
 *
 * The generated files are parsed, never type-checked, so the types they name are not declared.
 *
 * Run: npx tsx packages/cli/bench/audit-bench.ts [files]
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runAudit } from '../src/audit/audit';
import { listSourceFiles, parseSource } from '../src/audit/source-files';

const FILES = Number(process.argv[2] ?? 1000);
const BUDGET_SECONDS = 10;
const RESOURCES = 50;

/** One generated source file per style, each with five calls and some ordinary code around them. */
const STYLES: Array<{ ext: string; body: (r: string, i: number) => string }> = [
  {
    ext: 'ts',
    body: (r, i) => `import { useApi } from '../composables/useApi';
${filler(i)}
const api = useApi();
export const ${r}Service${i} = {
  async list(limit?: number) {
    const params = new URLSearchParams();
    if (limit) params.append('limit', String(limit));
    return (await api.get(\`/${r}/items?\${params}\`)).data;
  },
  async get(id: string) { return (await api.get(\`/${r}/items/\${id}\`)).data; },
  async create(body: Item) { return (await api.post('/${r}/items', body)).data; },
  async update(id: string, body: Partial<Item>) { return (await api.patch(\`/${r}/items/\${id}\`, body)).data; },
  async remove(id: string) { await api.delete(\`/${r}/items/\${id}/archive\`); },
};`,
  },
  {
    ext: 'js',
    body: (r, i) => `const BASE = import.meta.env.VITE_API_URL || 'http://localhost:54321';
${filler(i)}
export async function list${i}() { return (await fetch(\`\${BASE}/${r}/items\`)).json(); }
export async function get${i}(id) { return (await fetch(BASE + '/${r}/items/' + id)).json(); }
export function create${i}(body) { return fetch(\`\${BASE}/${r}/items\`, { method: 'POST', body: JSON.stringify(body) }); }
export function remove${i}(id) { return fetch(\`\${BASE}/${r}/items/\${id}\`, { method: 'DELETE' }); }
export function call${i}(path, init) { return fetch(\`\${BASE}\${path}\`, init); }`,
  },
  {
    ext: 'ts',
    body: (r, i) => `import ky from 'ky';
${filler(i)}
const http = ky.create({ prefixUrl: 'https://api.example.com' });
export class ${cap(r)}Api${i} {
  list() { return http.get('${r}/items').json(); }
  get(id: string) { return http.get(\`${r}/items/\${id}\`).json(); }
  create(body: Item) { return http.post('${r}/items', { json: body }).json(); }
  replace(id: string, body: Item) { return http(\`${r}/items/\${id}\`, { method: 'put', json: body }).json(); }
  remove(id: string) { return http.delete(\`${r}/items/\${id}\`); }
}`,
  },
  {
    ext: 'ts',
    body: (r, i) => `import createClient from 'openapi-fetch';
${filler(i)}
const client = createClient<paths>({ baseUrl: '/api' });
export const get${i} = (id: string) => client.GET('/${r}/items/{id}', { params: { path: { id } } });
export const list${i} = () => client.GET('/${r}/items');
export const create${i} = (body: Item) => client.POST('/${r}/items', { body });
export const update${i} = (id: string, body: Item) => client.PATCH('/${r}/items/{id}', { params: { path: { id } }, body });
export const remove${i} = (id: string) => client.DELETE('/${r}/items/{id}', { params: { path: { id } } });`,
  },
  {
    ext: 'vue',
    body: (r, i) => `<template>
  <ul><li v-for="item in items" :key="item.id" @click="remove(item.id)">{{ item.name }}</li></ul>
</template>

<script setup lang="ts">
import { onMounted, ref } from 'vue';
import { useApi } from '@/composables/useApi';
${filler(i)}
const api = useApi();
const items = ref<Item[]>([]);
onMounted(async () => { items.value = (await api.get('/${r}/items')).data; });
async function remove(id: string) { await api.delete(\`/${r}/items/\${id}\`); }
async function rename(id: string, name: string) { await api.patch(\`/${r}/items/\${id}\`, { name }); }
async function add(name: string) { await api.post('/${r}/items', { name }); }
async function one(id: string) { return (await api.get(\`/${r}/items/\${id}\`)).data; }
</script>`,
  },
  {
    ext: 'svelte',
    body: (r, i) => `<script>
  import { onMount } from 'svelte';
${filler(i)}
  let items = [];
  onMount(async () => { items = await (await fetch('/api/${r}/items')).json(); });
  const stream = () => new EventSource('/api/${r}/items/stream');
  async function add(name) { await fetch('/api/${r}/items', { method: 'POST', body: JSON.stringify({ name }) }); }
  async function remove(id) { await fetch(\`/api/${r}/items/\${id}\`, { method: 'DELETE' }); }
  function socket() { return new WebSocket(\`ws://localhost:54321/${r}/live\`); }
</script>

<ul>{#each items as item}<li>{item.name}</li>{/each}</ul>`,
  },
  {
    ext: 'js',
    body: (r, i) => `${filler(i)}
export function upload${i}(id, file) {
  const xhr = new XMLHttpRequest();
  xhr.open('PUT', \`/${r}/items/\${id}/file\`);
  xhr.send(file);
}
export function read${i}(id) {
  const xhr = new XMLHttpRequest();
  xhr.open('GET', '/${r}/items/' + id);
  xhr.send();
}
export const list${i} = () => axios.get('/${r}/items');
export const create${i} = (data) => axios({ method: 'post', url: '/${r}/items', data });
export const get${i} = (id) => axios(\`/${r}/items/\${id}\`);`,
  },
  {
    ext: 'tsx',
    body: (r, i) => `import axios from 'axios';
import { useEffect, useState } from 'react';
${filler(i)}
const API = import.meta.env.VITE_API_URL;
export function ${cap(r)}List${i}() {
  const [items, setItems] = useState<Item[]>([]);
  useEffect(() => { axios.get(\`\${API}/${r}/items\`).then((res) => setItems(res.data)); }, []);
  const remove = (id: string) => axios.delete(\`\${API}/${r}/items/\${id}\`);
  const add = (name: string) => axios.post(\`\${API}/${r}/items\`, { name });
  const rename = (id: string, name: string) => axios.request({ method: 'PATCH', url: \`\${API}/${r}/items/\${id}\`, data: { name } });
  return <ul>{items.map((item) => <li key={item.id} onClick={() => remove(item.id)}>{item.name}</li>)}</ul>;
}`,
  },
];

/** Ordinary code that is not an HTTP call (plain JavaScript, valid in every style), about 1 KB. */
function filler(i: number): string {
  return `
const cache${i} = new Map();
export function format${i}(item) {
  const tags = item.tags.filter((t) => t.length > 0).map((t) => \`#\${t}\`).join(' ');
  return [item.name, tags, new Date(item.createdAt).toLocaleDateString()].filter(Boolean).join(' · ');
}
export function sortItems${i}(items, by = 'name') {
  return [...items].sort((a, b) => String(a[by]).localeCompare(String(b[by])));
}
export function remember${i}(item) {
  cache${i}.set(item.id, item);
  if (cache${i}.size > 100) cache${i}.delete(cache${i}.keys().next().value);
}`;
}

function cap(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}

function spec(): string {
  const paths: Record<string, unknown> = {};
  const ok = { '200': { description: 'OK' } };
  for (let n = 0; n < RESOURCES; n++) {
    const r = `r${n}`;
    paths[`/${r}/items`] = {
      get: { operationId: `list${n}`, tags: [r], responses: ok },
      post: { operationId: `create${n}`, tags: [r], responses: ok },
    };
    paths[`/${r}/items/{id}`] = {
      get: { operationId: `get${n}`, tags: [r], responses: ok },
      patch: { operationId: `update${n}`, tags: [r], responses: ok },
      put: { operationId: `replace${n}`, tags: [r], responses: ok },
      delete: { operationId: `remove${n}`, tags: [r], responses: ok },
    };
    paths[`/${r}/items/{id}/file`] = { put: { operationId: `upload${n}`, tags: [r], responses: ok } };
  }
  return JSON.stringify({
    openapi: '3.1.0',
    info: { title: 'bench', version: '1' },
    servers: [{ url: '/api' }],
    paths,
  });
}

async function generate(root: string): Promise<void> {
  for (let i = 0; i < FILES; i++) {
    const style = STYLES[i % STYLES.length];
    const r = `r${i % RESOURCES}`;
    const path = join(root, 'src', `module${i % 20}`, `file-${i}.${style.ext}`);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, style.body(r, i));
  }
  await writeFile(join(root, 'openapi.json'), spec());
}

async function baseline(src: string): Promise<number> {
  const started = performance.now();
  const paths = await listSourceFiles(src);
  await Promise.all(paths.map(async (path) => parseSource(path, await readFile(path, 'utf8'))));
  return (performance.now() - started) / 1000;
}

async function main(): Promise<number> {
  const root = await mkdtemp(join(tmpdir(), 'lockstep-audit-bench-'));
  try {
    await generate(root);
    const src = join(root, 'src');
    await baseline(src); // warm the file cache and the parser once, for both timings alike
    const base = await baseline(src);
    const started = performance.now();
    const report = await runAudit({ source: src, spec: join(root, 'openapi.json') });
    const seconds = (performance.now() - started) / 1000;
    const rows = [
      ['files', String(report.totals.files)],
      ['calls', `${report.totals.calls} (${report.totals.inSpec} in spec, ${report.totals.unresolved} unresolved)`],
      ['audit', `${seconds.toFixed(2)} s, ${Math.round(report.totals.files / seconds)} files/s`],
      [
        'baseline',
        `${base.toFixed(2)} s, ${Math.round(report.totals.files / base)} files/s (read + ts.createSourceFile only)`,
      ],
      ['ratio', `${(seconds / base).toFixed(2)}× the baseline`],
      ['budget', `${BUDGET_SECONDS} s: ${seconds <= BUDGET_SECONDS ? 'ok' : 'OVER'}`],
    ];
    for (const [k, v] of rows) console.log(`${k.padEnd(9)} ${v}`);
    return seconds <= BUDGET_SECONDS ? 0 : 1;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

main().then((code) => {
  process.exitCode = code;
});
