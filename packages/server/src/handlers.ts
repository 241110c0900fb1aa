/**
 * Every operation of the spec, bound to its handler by operationId. A module not built
 * yet is `notImplementedModule(tag)`: each of its operations answers 501 and shows red in
 * the wiring report. The type makes a missing handler a compile error.
 */
import type { OperationId } from '@lockstep/contract';
import type { HandlerMap } from './http/handler-types';
import type { ErrorShaper } from './http/run-operation';
import { apiKeyHandlers } from './modules/api-keys/routes';
import { authHandlers } from './modules/auth/routes';
import { backupHandlers } from './modules/backup/routes';
import { clusterHandlers } from './modules/cluster/routes';
import { databaseHandlers } from './modules/database/routes';
import { functionsHandlers } from './modules/functions/routes';
import { healthHandlers } from './modules/health/routes';
import { observabilityHandlers } from './modules/observability/routes';
import { toOperationError } from './modules/operation/operation-error';
import { operationHandlers } from './modules/operation/routes';
import { realtimeHandlers } from './modules/realtime/routes';
import { restHandlers } from './modules/rest/routes';
import { setupHandlers } from './modules/setup/routes';
import { snapshotsHandlers } from './modules/snapshots/routes';
import { storageHandlers } from './modules/storage/routes';
import { webhookHandlers } from './modules/webhooks/routes';

export const handlers: HandlerMap = {
  ...healthHandlers,
  ...setupHandlers,
  ...authHandlers,
  ...apiKeyHandlers,
  ...webhookHandlers,
  ...databaseHandlers,
  ...restHandlers,
  ...operationHandlers,
  ...storageHandlers,
  ...functionsHandlers,
  ...realtimeHandlers,
  ...observabilityHandlers,
  ...backupHandlers,
  ...snapshotsHandlers,
  ...clusterHandlers,
};

/** Operations whose spec documents a wider error body than `Error`: every error they answer, the pipeline's too, takes it. */
export const errorShapers: Partial<Record<OperationId, ErrorShaper>> = {
  executeOperation: toOperationError,
};
