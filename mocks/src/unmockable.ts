import { openapiDocument } from '@lockstep/contract';
import { defaultStatus } from './internal/default-status';
import { specOperations } from './internal/spec-operations';
import { upgradeStatus } from './internal/upgrade-status';
import type { UnmockableOperation } from './types';

/** Operations with a documented status msw cannot give (a WebSocket's 101), and what the mock answers instead. */
export const unmockable: readonly UnmockableOperation[] = specOperations(openapiDocument).flatMap((op) => {
  const status = upgradeStatus(op.operation.responses);
  if (!status) return [];
  const fallback = defaultStatus(op.operation.responses ?? {});
  const plain = fallback ? `; a plain request gets the documented ${fallback}` : '';
  const reason =
    `${status} Switching Protocols cannot be answered through fetch: a request with \`Upgrade: websocket\` ` +
    `or \`x-mock-status: ${status}\` gets 501 NOT_IMPLEMENTED${plain}.`;
  return [{ operationId: op.operationId, status, reason }];
});
