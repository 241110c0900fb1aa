import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { operations } from '@lockstep/contract';
import { expect, it } from 'vitest';
import { buildDocs, withoutCdn } from './docs';

it('blanks every CDN URL of the Redoc bundle', () => {
  expect(withoutCdn('src:`https://cdn.redoc.ly/redoc/logo-mini.svg`,x="https://cdn.redocly.com/icons/fa/7.0.0"')).toBe(
    'src:`data:,`,x="data:,"',
  );
});

it('builds an offline reference that carries every operation and names no CDN', () => {
  buildDocs();
  const html = readFileSync(join(import.meta.dirname, '../packages/server/docs/index.html'), 'utf8');
  expect(html).not.toMatch(/cdn\.redoc/);
  for (const id of Object.keys(operations)) expect(html).toContain(`"operationId":"${id}"`);
});
