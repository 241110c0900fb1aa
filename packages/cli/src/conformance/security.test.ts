import { describe, expect, it } from 'vitest';
import { describeSecurity, firstPlan, invalidPlan, isSecured, lowerRolePlan, planFor } from './security';
import type { ContractOperation } from './types';

const doc = {
  components: {
    securitySchemes: {
      bearer: { type: 'http', scheme: 'bearer' },
      key: { type: 'apiKey', in: 'header', name: 'apikey' },
      queryKey: { type: 'apiKey', in: 'query', name: 'api_key' },
      basic: { type: 'http', scheme: 'basic' },
    },
  },
};

const operation = (security: ContractOperation['security']): ContractOperation =>
  ({ operationId: 'op', method: 'get', path: '/x', security }) as ContractOperation;

const admin = [[{ scheme: 'bearer', scopes: ['admin'] }], [{ scheme: 'key', scopes: ['admin'] }]];

describe('security plans', () => {
  it('tells secured operations from public and optional ones', () => {
    expect(isSecured(operation([]))).toBe(false);
    expect(isSecured(operation([[], [{ scheme: 'bearer', scopes: [] }]]))).toBe(false);
    expect(isSecured(operation(admin))).toBe(true);
    expect(describeSecurity(operation(admin))).toBe('bearer[admin] or key[admin]');
  });

  it('meets a scoped requirement with the admin credentials only, an unscoped one with the user credentials first', () => {
    const creds = { token: 'u', adminToken: 'a', adminApiKey: 'ak' };
    expect(planFor(doc, admin[0], creds)?.headers).toEqual({ authorization: 'Bearer a' });
    expect(planFor(doc, admin[1], creds)?.headers).toEqual({ apikey: 'ak' });
    expect(planFor(doc, admin[0], { token: 'u' })).toBeNull();
    expect(planFor(doc, [{ scheme: 'bearer', scopes: [] }], creds)?.headers).toEqual({ authorization: 'Bearer u' });
    expect(planFor(doc, [{ scheme: 'bearer', scopes: [] }], { adminToken: 'a' })?.headers).toEqual({
      authorization: 'Bearer a',
    });
    expect(planFor(doc, [{ scheme: 'queryKey', scopes: [] }], { apiKey: 'k' })?.query).toEqual([['api_key', 'k']]);
    expect(planFor(doc, [{ scheme: 'basic', scopes: [] }], creds)).toBeNull();
  });

  it('uses the first alternative the credentials meet', () => {
    expect(firstPlan(doc, operation(admin), { adminApiKey: 'ak' })).toMatchObject({ index: 1 });
    expect(firstPlan(doc, operation(admin), {})).toBeNull();
    expect(firstPlan(doc, operation([]), {})?.plan.label).toBe('anonymous');
  });

  it('makes invalid credentials and, for scoped operations, a lower-role call', () => {
    expect(invalidPlan(doc, 'bearer')?.headers.authorization).toMatch(/^Bearer /);
    expect(invalidPlan(doc, 'key')?.headers.apikey).toBeTruthy();
    expect(invalidPlan(doc, 'basic')).toBeNull();
    expect(lowerRolePlan(doc, operation(admin), { token: 'u', adminToken: 'a' })?.headers).toEqual({
      authorization: 'Bearer u',
    });
    expect(lowerRolePlan(doc, operation(admin), { adminToken: 'a' })).toBeNull();
    expect(lowerRolePlan(doc, operation([[{ scheme: 'bearer', scopes: [] }]]), { token: 'u' })).toBeNull();
  });
});
