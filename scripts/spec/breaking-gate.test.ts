import { describe, expect, it } from 'vitest';
import { bumpsContractMajor } from './breaking-gate';

describe('bumpsContractMajor', () => {
  it.each([
    ["---\n'@lockstep/contract': major\n---\n\nRemove an operation.", true],
    ['---\n"@lockstep/contract": major\n\'@lockstep/sdk\': minor\n---\n', true],
    ["---\n'@lockstep/contract': minor\n---\n", false],
    ["---\n'@lockstep/sdk': major\n---\n", false],
    ["No front matter '@lockstep/contract': major", false],
  ])('%j → %s', (given, want) => {
    expect(bumpsContractMajor(given)).toBe(want);
  });
});
