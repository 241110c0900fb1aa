import { describe, expect, it } from 'vitest';
import * as policy from './index';

describe('the public surface', () => {
  it('exports exactly these values', () => {
    expect(Object.keys(policy).sort()).toEqual([
      'POLICY_LIMITS',
      'PolicySyntaxError',
      'evaluatePolicy',
      'isPolicySyntaxError',
      'parsePolicy',
      'policiesToKysely',
      'policiesToSql',
      'policyToKysely',
      'policyToSql',
      'referencedColumns',
    ]);
  });

  it('parses, checks columns, evaluates and compiles one policy end to end', () => {
    const ast = policy.parsePolicy('is_public = true or owner_id = auth.uid()');
    const caller = { uid: 'u1', role: 'user' };
    expect(policy.referencedColumns(ast)).toEqual(['is_public', 'owner_id']);
    expect(policy.evaluatePolicy(ast, { is_public: false, owner_id: 'u1' }, caller)).toBe(true);
    expect(policy.policyToSql(ast, caller, (n) => `"${n}"`, 'postgres')).toEqual({
      sql: '("is_public" = ? OR "owner_id" = ?)',
      params: [true, 'u1'],
    });
  });
});
