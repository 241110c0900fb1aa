import { expect, it } from 'vitest';
import { quickstart } from './quickstart';

it('walks a fresh server from setup to a refused admin call', async () => {
  expect(await quickstart()).toEqual({
    setupStatus: 'Uninitialized',
    signedInAs: 'admin@example.com',
    role: 'admin',
    refreshedAfterRevokedToken: true,
    adminOnlyError: '403 FORBIDDEN',
  });
});
