/** The SDK column, broken on purpose: a missing method, a failing call and a wrong path each turn it red. */
import { openapiDocument } from '@lockstep/contract';
import { describe, expect, it } from 'vitest';
import { type SdkProbe, sdkGaps, sdkProbe, specOperationsOf } from './sdk-column';

const ops = specOperationsOf(openapiDocument);
const listFiles = ops.find((op) => op.operationId === 'listFiles')!;
const signIn = ops.find((op) => op.operationId === 'signIn')!;

describe('the SDK column', () => {
  it('reaches every operation of the spec through the SDK, against the mocks', async () => {
    const probe = sdkProbe();
    const gaps: Record<string, string[]> = {};
    for (const op of ops) {
      const found = await sdkGaps(openapiDocument, probe, op);
      if (found.length > 0) gaps[op.operationId] = found;
    }
    expect(gaps).toEqual({});
    expect(probe.sent).toHaveLength(ops.length);
  });

  it('goes red when an SDK method is removed', async () => {
    const probe = sdkProbe();
    const { listFiles: _removed, ...storage } = probe.client.modules.storage;
    const broken: SdkProbe = {
      ...probe,
      client: { ...probe.client, modules: { ...probe.client.modules, storage: storage as never } },
    };
    expect(await sdkGaps(openapiDocument, broken, listFiles)).toEqual(['modules.storage.listFiles missing']);
  });

  it('goes red when the SDK call fails', async () => {
    const probe = sdkProbe(async () => {
      throw new TypeError('connection refused');
    });
    const [gap] = await sdkGaps(openapiDocument, probe, signIn);
    expect(gap).toMatch(/^auth\.signIn threw: .*connection refused/);
  });

  it('goes red when an SDK method sends another operation, or the answer is not the mock’s', async () => {
    const probe = sdkProbe();
    const miswired: SdkProbe = {
      ...probe,
      client: { ...probe.client, auth: { ...probe.client.auth, signIn: (init) => probe.client.call('signUp', init) } },
    };
    expect(await sdkGaps(openapiDocument, miswired, signIn)).toEqual(['auth.signIn sent POST /auth/signup']);
    const failing = sdkProbe(async () => new Response(null, { status: 503 }));
    expect(await sdkGaps(openapiDocument, failing, signIn)).toEqual(['auth.signIn got 503, the mock answers 200']);
  });
});
