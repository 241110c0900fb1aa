import { type OperationId, operations } from '@lockstep/contract';
import { describe, expect, it } from 'vitest';
import { createClient } from './client';
import { authOperations } from './facades/auth';
import { healthOperations } from './facades/health';
import { setupOperations } from './facades/setup';
import { sdkOperationMethods } from './manifest';
import { fakeFetch, json } from './testing/fake-fetch';

const operationIds = Object.keys(operations) as OperationId[];

/** The value at a dotted path of the manifest (`auth.signIn`, `modules.api-keys.getApiKeys`). */
function methodAt(root: unknown, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], root);
}

describe('sdkOperationMethods', () => {
  it('has an entry for every operation of the table, and nothing else', () => {
    expect(Object.keys(sdkOperationMethods).sort()).toEqual([...operationIds].sort());
  });

  it('names a different method for each operation', () => {
    expect(new Set(Object.values(sdkOperationMethods)).size).toBe(operationIds.length);
  });

  it('names the hand-written facade where there is one, the generated module otherwise', () => {
    expect(sdkOperationMethods.signIn).toBe('auth.signIn');
    expect(sdkOperationMethods.getApiKeys).toBe('auth.listApiKeys');
    expect(sdkOperationMethods.complete).toBe('setup.complete');
    expect(sdkOperationMethods.getHealth).toBe('health.check');
    expect(sdkOperationMethods.listWebhooks).toBe('webhooks.list');
    expect(sdkOperationMethods.getLogs).toBe('modules.observability.getLogs');
  });

  it.each(operationIds)(
    '%s: the named method exists on a real client and calls that operation',
    async (operationId) => {
      const fetch = fakeFetch(() => json(200, {}));
      const probe = createClient({ url: 'http://api.test', fetch, retry: false });
      const reach = methodAt(probe, sdkOperationMethods[operationId]);
      expect(typeof reach).toBe('function');
      const { method, path } = operations[operationId];
      const names = [...path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => name);
      const params = { path: Object.fromEntries(names.map((name) => [name, `p-${name}`])), query: {} };
      const body = ['post', 'put', 'patch'].includes(method) ? {} : undefined;
      await (reach as (init: unknown) => Promise<unknown>)({ params, body });
      const want = path.replace(/\{([^}]+)\}/g, (_, name: string) => `p-${name}`);
      expect(fetch.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toContain(
        `${method.toUpperCase()} ${want}`,
      );
    },
  );
});

describe('hand-written facades', () => {
  const covered = new Set<string>([
    ...Object.values(authOperations),
    ...Object.values(setupOperations),
    ...Object.values(healthOperations),
  ]);

  it.each(['auth', 'api-keys', 'setup', 'health'])('cover every operation of the %s tag', (tag) => {
    const ofTag = operationIds.filter((id) => operations[id].tag === tag);
    expect(ofTag.length).toBeGreaterThan(0);
    expect(ofTag.filter((id) => !covered.has(id))).toEqual([]);
  });
});
