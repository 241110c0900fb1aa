import { operations } from '@lockstep/contract';
import { describe, expect, it } from 'vitest';
import * as core from './core';

describe('@lockstep/sdk/core', () => {
  it.each(Object.entries(operations))('exports the descriptor of %s, matching the operation table', (id, operation) => {
    const descriptor = (core as Record<string, unknown>)[id];
    const want = {
      id,
      method: operation.method.toUpperCase(),
      path: operation.path,
      ...('pathTail' in operation && { pathTail: true }),
      ...(operation.access === 'public' && { public: true }),
    };
    expect(descriptor).toEqual(want);
  });

  it('exports nothing else but the client, errors, guards and token storage', () => {
    const others = Object.keys(core).filter((name) => !(name in operations));
    expect(others.sort()).toEqual([
      'ACCESS_TOKEN_KEY',
      'LockstepError',
      'LockstepNetworkError',
      'REFRESH_TOKEN_KEY',
      'createCoreClient',
      'isLockstepError',
      'isLockstepNetworkError',
      'memoryStorage',
    ]);
  });
});
