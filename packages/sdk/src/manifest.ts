import { type OperationId, operations } from '@lockstep/contract';
import { authOperations } from './facades/auth';
import { functionsOperations } from './facades/functions';
import { healthOperations } from './facades/health';
import type { FacadeTable } from './facades/operation-facade';
import { setupOperations } from './facades/setup';
import { webhookOperations } from './facades/webhooks';
import { storageOperations } from './storage/storage';

/** The hand-named facades of the client, by property name. */
const facades: Record<string, FacadeTable> = {
  auth: authOperations,
  setup: setupOperations,
  health: healthOperations,
  webhooks: webhookOperations,
  storage: storageOperations,
  functions: functionsOperations,
};

/**
 * For each operationId, the public client method that reaches it (`signIn: 'auth.signIn'`;
 * operations without a hand-named method: `modules.<tag>.<operationId>`). The wiring report reads it.
 * @example
 * sdkOperationMethods.getUsers; // 'auth.listUsers'
 */
export const sdkOperationMethods: Record<OperationId, string> = buildManifest();

function buildManifest(): Record<OperationId, string> {
  const named = new Map<string, string>();
  for (const [facade, table] of Object.entries(facades)) {
    for (const [method, operationId] of Object.entries(table)) named.set(operationId, `${facade}.${method}`);
  }
  const manifest: Record<string, string> = {};
  for (const [operationId, { tag }] of Object.entries(operations)) {
    manifest[operationId] = named.get(operationId) ?? `modules.${tag}.${operationId}`;
  }
  return manifest as Record<OperationId, string>;
}
