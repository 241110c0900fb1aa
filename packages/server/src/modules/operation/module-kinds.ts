/**
 * The kinds of the unified operation that belong to other modules: realtime (subscribe,
 * unsubscribe, broadcast: standing subscriptions through the realtime service) and functions
 * (invoke: by name, as `invokeFunction`, waiting or, with `async_mode`, answering `queued`
 * at once). Storage's kinds are in `storage-kinds.ts`.
 */
import { randomUUID } from 'node:crypto';
import { isPrivileged } from '../../data/caller';
import { asHttpError } from '../../http/http-error';
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

function frameError(error: unknown): unknown {
  if (!(error instanceof FrameError)) return error;
  const status = { NOT_FOUND: 404, FORBIDDEN: 403 }[error.code as string] ?? 400;
  const code = error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN' ? error.code : 'VALIDATION_FAILED';
  return new OperationHttpError(status, code, error.message);
}

const INVOKE_STATUS = { success: 'completed', error: 'failed', timeout: 'timeout' } as const;

function operationError(error: unknown): unknown {
  const known = asHttpError(error);
  return known ? new OperationHttpError(known.status, known.code, known.message) : error;
}

/** The realtime kinds (through the realtime service) and the functions kind. */
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
  invoke: async (body, { caller, services }) => {
    const fn = await services.functions.findByName(body.function_name).catch((error) => {
      throw operationError(error);
    });
    try {
      services.functions.assertRunnable(fn);
    } catch (error) {
      throw operationError(error);
    }
    const origin = {
      trigger: 'operation' as const,
      user: { id: caller.userId, role: caller.role },
      invocationId: randomUUID(),
    };
    const run = services.functions.invoke(fn, body.payload ?? {}, origin);
    const base = { type: 'invoke' as const, function: fn.name, invocation_id: origin.invocationId };
    if (body.async_mode) {
      // The invocation is recorded when it ends; a refusal (disabled, wasm) is already final.
      run.catch((error) =>
        services.log.warn({ err: error, function: fn.name }, 'functions: an async invocation failed'),
      );
      return { ...base, status: 'queued', async: true };
    }
    const done = await run.catch((error) => {
      throw operationError(error);
    });
    const out: Record<string, unknown> = {
      ...base,
      status: INVOKE_STATUS[done.status],
      async: false,
      duration_ms: done.duration_ms,
    };
    if (done.status === 'success') out.result = done.result;
    else out.error = done.error;
    return out as never;
  },
};
