import { openapiDocument } from '@lockstep/contract';
import { defaultStatus } from './internal/default-status';
import { socketMockOf } from './internal/socket-mocks';
import { specOperations } from './internal/spec-operations';
import { upgradeStatus } from './internal/upgrade-status';
import type { UnmockableOperation } from './types';

/**
 * Operations with a documented status msw's `http` handlers cannot give (a WebSocket's 101), what
 * those handlers answer instead, and where the socket itself is mocked (msw's `ws` API).
 */
export const unmockable: readonly UnmockableOperation[] = specOperations(openapiDocument).flatMap((op) => {
  const status = upgradeStatus(op.operation.responses);
  if (!status) return [];
  const fallback = defaultStatus(op.operation.responses ?? {});
  const plain = fallback ? `; a plain request gets the documented ${fallback}` : '';
  const socket = socketMockOf(op.operationId);
  const mocked = socket
    ? ` The WebSocket itself is mocked: ${socket} answers the global \`WebSocket\` as the server does.`
    : ' The WebSocket itself has no mock.';
  const reason =
    `${status} Switching Protocols cannot be answered through fetch: a request with \`Upgrade: websocket\` ` +
    `or \`x-mock-status: ${status}\` gets 501 NOT_IMPLEMENTED${plain}.${mocked}`;
  return [{ operationId: op.operationId, status, reason }];
});
