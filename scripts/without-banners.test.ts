import { expect, it } from 'vitest';
import { withoutBanners } from './without-banners';

const banner = [
  '    ╔══════════════════╗',
  '    ║                  ║',
  '    ║  Deprecation     ║',
  '    ╚══════════════════╝',
  '',
].join('\n');

it.each([
  { given: 'no banner', text: 'No problems found\n', want: 'No problems found\n' },
  { given: 'one banner before the output', text: `${banner}\nvalidated in 40ms\n`, want: 'validated in 40ms\n' },
  { given: 'two banners', text: `${banner}\n${banner}\nbundled\n`, want: 'bundled\n' },
  { given: 'an error after a banner', text: `${banner}\n[1] error: bad\n`, want: '[1] error: bad\n' },
])('drops boxed notices: $given', ({ text, want }) => {
  expect(withoutBanners(text)).toBe(want);
});
