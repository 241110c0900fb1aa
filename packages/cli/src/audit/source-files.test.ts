import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSourceName, listSourceFiles, readSources } from './source-files';

describe('isSourceName', () => {
  it.each([
    ['a.ts', true],
    ['a.tsx', true],
    ['a.mjs', true],
    ['App.vue', true],
    ['Page.svelte', true],
    ['a.d.ts', false],
    ['a.test.ts', false],
    ['a.spec.jsx', false],
    ['a.json', false],
    ['a.css', false],
  ])('%s → %s', (name, want) => {
    expect(isSourceName(name)).toBe(want);
  });
});

describe('listSourceFiles and readSources', () => {
  it('skips dependencies and build output, and names files relative to the root', async () => {
    const root = await mkdtemp(join(tmpdir(), 'lockstep-src-'));
    for (const dir of ['src/pages', 'node_modules/x', 'dist', 'src/__tests__'])
      await mkdir(join(root, dir), { recursive: true });
    await writeFile(
      join(root, 'src/pages/A.vue'),
      '<template/>\n<script setup lang="ts">\nconst a: number = 1\n</script>',
    );
    await writeFile(join(root, 'src/b.js'), 'export const b = 1');
    await writeFile(join(root, 'node_modules/x/index.js'), '');
    await writeFile(join(root, 'dist/bundle.js'), '');
    await writeFile(join(root, 'src/__tests__/a.ts'), '');
    expect((await listSourceFiles(root)).map((p) => p.slice(root.length + 1))).toEqual(['src/b.js', 'src/pages/A.vue']);
    const sources = await readSources(root);
    expect(sources.map((s) => s.file)).toEqual(['src/b.js', 'src/pages/A.vue']);
    expect(sources[1].sf.statements).toHaveLength(1);
    expect(sources[1].sf.getLineAndCharacterOfPosition(sources[1].sf.statements[0].getStart()).line).toBe(2);
  });
});
