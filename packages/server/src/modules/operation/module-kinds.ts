/**
 * The kinds of the unified operation that belong to other modules: realtime (subscribe,
 * unsubscribe, broadcast: standing subscriptions through the realtime service) and functions
 * (invoke), which answers 501 NOT_IMPLEMENTED naming the module until that module is built:
 * never a fake success. Storage's kinds are in `storage-kinds.ts`.
 */
import { isPrivileged } from '../../data/caller';
import { FrameError } from '../realtime/frames';
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

function frameError(error: unknown): unknown {
  if (!(error instanceof FrameError)) return error;
  const status = { NOT_FOUND: 404, FORBIDDEN: 403 }[error.code as string] ?? 400;
  const code = error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN' ? error.code : 'VALIDATION_FAILED';
  return new OperationHttpError(status, code, error.message);
}

/** The realtime kinds (through the realtime service) and the functions kind (not built yet). */
export const moduleKinds: ModuleKinds = {
  subscribe: async (body, { caller, services }) => {
    const s = await services.realtime.subscribeStanding(caller, body.channel, body.filter).catch((error) => {
      throw frameError(error);
    });
    return { type: 'subscription', channel: s.channel, subscription_id: s.id, status: 'created' };
  },
  unsubscribe: async (body, { caller, services }) => {
    if (!services.realtime.unsubscribeStanding(caller, body.subscription_id))
      throw new OperationHttpError(404, 'NOT_FOUND', 'No subscription of yours has that id.');
    return { type: 'unsubscribe', subscription_id: body.subscription_id, status: 'removed' };
  },
  broadcast: async (body, { caller, services }) => {
    if (!isPrivileged(caller))
      throw new OperationHttpError(403, 'FORBIDDEN', 'broadcast is for admins and service keys.');
    const sent = services.realtime.broadcast(body.channel, body.event, body.payload);
    return { type: 'broadcast', channel: body.channel, event: body.event, status: 'sent', subscribers_notified: sent };
  },
  invoke: notBuilt('invoke', 'functions'),
};
