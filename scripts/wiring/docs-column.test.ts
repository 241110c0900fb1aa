/** The docs column, broken on purpose: an operation left out of the built reference turns it red. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { documentedIn, renderedOperations } from './docs-column';

const dir = mkdtempSync(join(tmpdir(), 'docs-column-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const operation = (operationId: string) => ({
  operationId,
  tags: ['pets'],
  summary: operationId,
  responses: { '204': { description: 'done' } },
});

/** Builds the reference for a two-path spec through the same Redocly command as `npm run docs`. */
function buildReference(name: string, paths: Record<string, unknown>): string {
  const spec = join(dir, `${name}.json`);
  const html = join(dir, `${name}.html`);
  const doc = { openapi: '3.1.0', info: { title: 'pets', version: '1' }, tags: [{ name: 'pets' }], paths };
  writeFileSync(spec, JSON.stringify(doc));
  const redocly = join(import.meta.dirname, '../../node_modules/.bin/redocly');
  execFileSync(redocly, ['build-docs', spec, '--inlineBundle', '--output', html], {
    stdio: 'ignore',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  return html;
}

describe('the docs column', () => {
  it('finds an operation the rendered reference links to, and goes red for one it leaves out', async () => {
    const both = buildReference('both', { '/pets': { get: operation('listPets'), post: operation('addPet') } });
    const anchors = await renderedOperations(both);
    expect(documentedIn(anchors, { tag: 'pets', operationId: 'listPets' })).toBe(true);
    expect(documentedIn(anchors, { tag: 'pets', operationId: 'addPet' })).toBe(true);

    const one = buildReference('one', { '/pets': { get: operation('listPets') } });
    const fewer = await renderedOperations(one);
    expect(documentedIn(fewer, { tag: 'pets', operationId: 'listPets' })).toBe(true);
    expect(documentedIn(fewer, { tag: 'pets', operationId: 'addPet' })).toBe(false);
  }, 120_000);
});
