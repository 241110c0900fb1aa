import type { FacadeTable, OperationFacade } from './operation-facade';

/** The health probes' methods, by operation. */
export const healthOperations = {
  check: 'getHealth',
  live: 'getLiveness',
  ready: 'getReadiness',
} as const satisfies FacadeTable;

/** `client.health`: overall health, liveness and readiness probes. */
export type HealthFacade = OperationFacade<typeof healthOperations>;
