/** The types that tie each kind of unified operation (`op`) to its request and its result. */
import type { components } from '@lockstep/contract';
import type { SignedInCaller } from '../../data/caller';
import type { Services } from '../../services';

type Schemas = components['schemas'];

/** One operation, discriminated by `op`. */
export type OperationRequest = Schemas['OperationRequest'];
/** A kind of operation. */
export type OperationKind = OperationRequest['op'];
/** The request of kind `K`. */
export type RequestOf<K extends OperationKind> = Extract<OperationRequest, { op: K }>;
/** The success body of kind `K`. */
export type ResponseOf<K extends OperationKind> = Extract<Schemas['OperationResponse'], { op: K }>;

/** What a kind needs to run: the caller is signed in, as `executeOperation`'s access level guarantees. */
export interface KindContext {
  caller: SignedInCaller;
  services: Services;
  requestId: string;
}

/** Runs one kind and answers its `data`. */
export type KindRunner<K extends OperationKind> = (
  body: RequestOf<K>,
  ctx: KindContext,
) => Promise<ResponseOf<K>['data']>;

/** A runner for every kind. */
export type KindRunners = { [K in OperationKind]: KindRunner<K> };
