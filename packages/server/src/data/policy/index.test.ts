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
      'policiesToSql',
      'policyToSql',
      'referencedColumns',
      'writePolicies',
    ]);
  });

  it('parses, checks columns, evaluates and compiles one policy end to end', () => {
    const ast = policy.parsePolicy('is_public = true or owner_id = auth.uid()');
    const caller = { uid: 'u1', role: 'user' };
    expect(policy.referencedColumns(ast)).toEqual(['is_public', 'owner_id']);
    expect(policy.evaluatePolicy(ast, { is_public: false, owner_id: 'u1' }, caller)).toBe(true);
    const compiled = policy.policyToSql(ast, caller, 'postgres');
    expect({ sql: compiled.render('postgres'), parameters: compiled.values }).toEqual({
      sql: '("is_public" = $1 OR "owner_id" = $2)',
      parameters: [true, 'u1'],
    });
  });
});
