import type { FacadeTable, OperationFacade } from './operation-facade';

/** The setup wizard's methods, by operation: status, storage, auth, first admin, completion. */
export const setupOperations = {
  getStatus: 'getStatus',
  configureStorage: 'configureStorage',
  configureAuth: 'configureAuth',
  createAdmin: 'createAdmin',
  complete: 'complete',
} as const satisfies FacadeTable;

/** `client.setup`: the first-run wizard. */
export type SetupFacade = OperationFacade<typeof setupOperations>;
