import { describe, expect, it } from 'vitest';
import { compareSecurity } from './compare-security';

describe('compareSecurity', () => {
  it.each([
    { name: 'same', before: [{ bearer: [] }], after: [{ bearer: [] }], want: null },
    { name: 'public → bearer', before: [], after: [{ bearer: [] }], want: true },
    {
      name: 'optional auth ({} alternative) dropped',
      before: [{}, { bearer: [] }],
      after: [{ bearer: [] }],
      want: true,
    },
    { name: 'scope added', before: [{ bearer: [] }], after: [{ bearer: ['admin'] }], want: true },
    {
      name: 'one of two schemes dropped',
      before: [{ bearer: [] }, { apiKey: [] }],
      after: [{ bearer: [] }],
      want: true,
    },
    {
      name: 'both schemes now needed together',
      before: [{ bearer: [] }],
      after: [{ bearer: [], apiKey: [] }],
      want: true,
    },
    { name: 'scope removed', before: [{ bearer: ['admin'] }], after: [{ bearer: [] }], want: false },
    { name: 'alternative added', before: [{ bearer: [] }], after: [{ bearer: [] }, { apiKey: [] }], want: false },
    { name: 'made public', before: [{ bearer: [] }], after: [], want: false },
  ])('$name', ({ before, after, want }) => {
    expect(compareSecurity(before, after)?.breaking ?? null).toBe(want);
  });

  it('names the added scope and the new requirement', () => {
    expect(compareSecurity([{ bearer: ['user'] }], [{ bearer: ['user', 'admin'] }])?.detail).toBe(
      'scopes added (admin): bearer[user] → bearer[admin, user]',
    );
    expect(compareSecurity([], [{ apiKey: [] }])?.detail).toBe('authentication now required: none → apiKey');
  });
});
