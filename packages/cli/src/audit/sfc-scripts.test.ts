// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are frontend source code under test
import { describe, expect, it } from 'vitest';
import { attrValue, extractSfcScripts } from './sfc-scripts';

describe('extractSfcScripts', () => {
  it('keeps script blocks at their original lines and blanks the rest', () => {
    const vue = [
      '<template>',
      '  <div @click="x">hi</div>',
      '</template>',
      '<script setup lang="ts">',
      "api.get('/a')",
      '</script>',
    ].join('\n');
    const { code, lang } = extractSfcScripts(vue);
    expect(lang).toBe('ts');
    expect(code.split('\n')[4]).toBe("api.get('/a')");
    expect(code.length).toBe(vue.length);
    expect(code).not.toContain('template');
  });

  it('joins several blocks (Vue <script> + <script setup>, Svelte context="module")', () => {
    const svelte =
      '<script context="module">\nconst a = 1;\n</script>\n<script>\nfetch(`/x/${a}`)\n</script>\n<h1>{a}</h1>';
    const { code, lang } = extractSfcScripts(svelte);
    expect(lang).toBe('js');
    expect(code).toContain('const a = 1;');
    expect(code.split('\n')[4]).toBe('fetch(`/x/${a}`)');
    expect(code).not.toContain('<h1>');
  });

  it('skips commented-out blocks, <scripts> look-alikes and src-only tags', () => {
    const vue =
      '<!-- <script>fetch("/no")</script> -->\n<scripty></scripty>\n<script src="x.js" />\n<SCRIPT>fetch("/yes")</SCRIPT>';
    const { code } = extractSfcScripts(vue);
    expect(code).not.toContain('/no');
    expect(code).toContain('fetch("/yes")');
  });

  it('reads a ">" inside a quoted attribute as part of the value', () => {
    const { code } = extractSfcScripts('<script generic="T extends Record<string, X>" lang="ts">let a: T</script>');
    expect(code.trim()).toBe('let a: T');
  });
});

describe('attrValue', () => {
  it.each([
    [' setup lang="ts"', 'ts'],
    [" lang='tsx'", 'tsx'],
    [' lang=ts', 'ts'],
    [' xlang="ts"', null],
    [' setup', null],
  ])('%s → %s', (attrs, want) => {
    expect(attrValue(attrs, 'lang')).toBe(want);
  });
});
