/**
 * Merges spec/openapi.base.yaml, spec/components/*.yaml and spec/modules/*.yaml into one
 * OpenAPI document, adds the responses every operation shares, and writes
 * packages/contract/generated/openapi.gen.json. Run with `npm run spec:bundle`.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { addDerivedResponses } from './derived-responses';

type Doc = Record<string, any>;

const root = join(import.meta.dirname, '../..');
const specDir = join(root, 'spec');
export const bundlePath = join(root, 'packages/contract/generated/openapi.gen.json');

function readYaml(path: string): Doc {
  return parse(readFileSync(path, 'utf8')) ?? {};
}

function yamlFilesIn(dir: string): string[] {
  return readdirSync(join(specDir, dir))
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => join(specDir, dir, name));
}

function mergeInto(target: Doc, source: Doc | undefined, where: string, file: string): void {
  for (const [key, value] of Object.entries(source ?? {})) {
    if (key in target) throw new Error(`${file}: duplicate ${where} "${key}"`);
    target[key] = value;
  }
}

function mergePart(doc: Doc, part: Doc, file: string): void {
  doc.tags.push(...(part.tags ?? []));
  mergeInto(doc.paths, part.paths, 'path', file);
  for (const [kind, entries] of Object.entries(part.components ?? {})) {
    doc.components[kind] ??= {};
    mergeInto(doc.components[kind], entries as Doc, `components.${kind}`, file);
  }
}

/** Builds the bundled document in memory. */
export function bundle(): Doc {
  const doc = readYaml(join(specDir, 'openapi.base.yaml'));
  doc.tags ??= [];
  doc.paths ??= {};
  doc.components ??= {};
  for (const file of [...yamlFilesIn('components'), ...yamlFilesIn('modules')]) {
    mergePart(doc, readYaml(file), file.slice(root.length + 1));
  }
  addDerivedResponses(doc);
  return { 'x-generated': 'by `npm run spec:bundle` from spec/; do not edit', ...doc };
}

/** The bundled document as the text written to disk. */
export function bundleText(): string {
  return `${JSON.stringify(bundle(), null, 2)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync(dirname(bundlePath), { recursive: true });
  writeFileSync(bundlePath, bundleText());
  console.log(`spec bundled: ${bundlePath.slice(root.length + 1)}`);
}
