import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { RULES } from './rules';

describe('the rule catalogue', () => {
  it('is the README table, rule for rule and level for level', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('### Rule catalogue'), readme.indexOf('### An example: two versions'));
    const rows = [...section.matchAll(/^\| `([a-z-]+)` \| (breaking|warning|info) \|/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(rows).toEqual(Object.entries(RULES).map(([id, r]) => `${id} ${r.level}`));
  });

  it('gives every rule a summary and an example', () => {
    for (const rule of Object.values(RULES)) {
      expect(rule.summary.length).toBeGreaterThan(5);
      expect(rule.example.length).toBeGreaterThan(2);
    }
  });
});
