/** env_vars sealing: round trip, tamper and wrong-key refusal, masking and the mask's round trip. */
import { describe, expect, it } from 'vitest';
import { EnvVarsVault, maskEnvVars, mergeEnvVars, SECRET_MASK } from './secrets';

const key = (text: string) => new TextEncoder().encode(text);

describe('EnvVarsVault', () => {
  it('opens what it sealed, and the sealed text does not contain the values', () => {
    const vault = new EnvVarsVault(key('server-secret-1'));
    const sealed = vault.seal({ API_TOKEN: 'abc123', OTHER: 'x' });
    expect(sealed).not.toContain('abc123');
    expect(vault.open(sealed)).toEqual({ API_TOKEN: 'abc123', OTHER: 'x' });
    expect(vault.seal({ A: '1' })).not.toBe(vault.seal({ A: '1' }));
  });

  it('refuses a tampered text and a text sealed under another key', () => {
    const vault = new EnvVarsVault(key('server-secret-1'));
    const sealed = vault.seal({ A: '1' });
    const parts = sealed.split('.');
    const data = Buffer.from(parts[3], 'base64');
    data[0] ^= 1;
    expect(() => vault.open([...parts.slice(0, 3), data.toString('base64')].join('.'))).toThrow();
    expect(() => new EnvVarsVault(key('server-secret-2')).open(sealed)).toThrow();
  });
});

describe('masking', () => {
  it('masks every value and keeps a stored value when the mask comes back', () => {
    expect(maskEnvVars({ A: 'secret', B: '' })).toEqual({ A: SECRET_MASK, B: SECRET_MASK });
    expect(mergeEnvVars({ A: 'old', B: 'gone' }, { A: SECRET_MASK, C: 'new', D: SECRET_MASK })).toEqual({
      A: 'old',
      C: 'new',
      D: SECRET_MASK,
    });
  });
});
