/**
 * The rules of the unified operation: an API key needs `read` for the kinds that only read
 * and `write` for every other kind; each kind then runs through the module that owns it
 * (`row-kinds.ts`, `storage-kinds.ts`, `module-kinds.ts`), and the answer is
 * `{success: true, op, data}`.
 */
import { requireKeyPermission } from '../../http/access';
import type { KindContext, KindRunner, KindRunners, OperationKind, OperationRequest, ResponseOf } from './kinds';
import { moduleKinds } from './module-kinds';
import { rowKinds } from './row-kinds';
import { storageKinds } from './storage-kinds';

/** Every kind of operation, by `op`. */
const kindRunners: KindRunners = { ...rowKinds, ...storageKinds, ...moduleKinds };

/** Kinds that only read; every other kind needs an API key's `write` permission. */
const READ_KINDS = new Set<OperationKind>(['read', 'query', 'explain', 'download', 'subscribe', 'unsubscribe']);

/** Runs `body` as `ctx.caller`, through its kind, and wraps the result. */
export async function executeOperation(body: OperationRequest, ctx: KindContext): Promise<ResponseOf<OperationKind>> {
  requireKeyPermission(ctx.caller, READ_KINDS.has(body.op) ? 'read' : 'write');
  const run = kindRunners[body.op] as KindRunner<OperationKind>;
  const data = await run(body as never, ctx);
  return { success: true, op: body.op, data } as ResponseOf<OperationKind>;
}
