/** The docs column, broken on purpose: an operation left out of the built reference turns it red. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { documentedIn, renderedOperationsOnce } from './docs-column';

const dir = mkdtempSync(join(tmpdir(), 'docs-column-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const operation = (operationId: string) => ({
  operationId,
  tags: ['pets'],
  summary: operationId,
  responses: { '204': { description: 'done' } },
});

/** Builds the reference for a two-path spec through the same Redocly command as `npm run docs`. */
async function buildReference(name: string, paths: Record<string, unknown>): Promise<string> {
  const spec = join(dir, `${name}.json`);
  const html = join(dir, `${name}.html`);
  const doc = { openapi: '3.1.0', info: { title: 'pets', version: '1' }, tags: [{ name: 'pets' }], paths };
  writeFileSync(spec, JSON.stringify(doc));
  const redocly = join(import.meta.dirname, '../../node_modules/.bin/redocly');
  await promisify(execFile)(redocly, ['build-docs', spec, '--inlineBundle', '--output', html], {
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  return html;
}

describe('the docs column', () => {
  it('finds an operation the rendered reference links to, and goes red for one it leaves out', async () => {
    // One Redocly build and one Chromium render: `deletePet` is an operation this reference leaves out.
    const page = await buildReference('pets', { '/pets': { get: operation('listPets'), post: operation('addPet') } });
    const cache = join(dir, 'rendered.json');
    const anchors = await renderedOperationsOnce(page, cache);
    expect(documentedIn(anchors, { tag: 'pets', operationId: 'listPets' })).toBe(true);
    expect(documentedIn(anchors, { tag: 'pets', operationId: 'addPet' })).toBe(true);
    expect(documentedIn(anchors, { tag: 'pets', operationId: 'deletePet' })).toBe(false);
    expect(documentedIn(anchors, { tag: 'owners', operationId: 'listPets' })).toBe(false);
    // Asked again for the same page, the rendering kept is read, not made again.
    const kept = JSON.parse(readFileSync(cache, 'utf8'));
    writeFileSync(cache, JSON.stringify({ ...kept, operations: ['/pets/kept'] }));
    expect(await renderedOperationsOnce(page, cache)).toEqual(new Set(['/pets/kept']));
    expect(await renderedOperationsOnce(join(dir, 'no-such-page.html'), cache)).toEqual(new Set());
  }, 120_000);
});
