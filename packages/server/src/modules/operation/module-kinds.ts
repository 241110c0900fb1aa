/**
 * The kinds of the unified operation that belong to modules not built in this server yet:
 * realtime (subscribe, unsubscribe, broadcast) and functions (invoke). Each answers 501
 * NOT_IMPLEMENTED naming the module and does nothing: never a fake success. Storage's
 * kinds are in `storage-kinds.ts`.
 */
import { isPrivileged } from '../../data/caller';
import type { KindRunners, OperationKind } from './kinds';
import { OperationHttpError } from './operation-error';

type ModuleKinds = Pick<KindRunners, 'subscribe' | 'unsubscribe' | 'broadcast' | 'invoke'>;

/** The 501 of a kind whose module is not built. */
export function moduleNotBuilt(op: OperationKind, module: string): OperationHttpError {
  return new OperationHttpError(
    501,
    'NOT_IMPLEMENTED',
    `The ${op} operation needs the ${module} module, which is not built in this server yet.`,
  );
}

function notBuilt<K extends keyof ModuleKinds>(op: K, module: string): ModuleKinds[K] {
  return (async () => {
    throw moduleNotBuilt(op, module);
  }) as ModuleKinds[K];
}

/** The kinds whose modules are not built. */
export const moduleKinds: ModuleKinds = {
  subscribe: notBuilt('subscribe', 'realtime'),
  unsubscribe: notBuilt('unsubscribe', 'realtime'),
  broadcast: async (_body, { caller }) => {
    // The rule is the realtime module's, and holds whether or not that module is built.
    if (!isPrivileged(caller))
      throw new OperationHttpError(403, 'FORBIDDEN', 'broadcast is for admins and service keys.');
    throw moduleNotBuilt('broadcast', 'realtime');
  },
  invoke: notBuilt('invoke', 'functions'),
};
