import type { OperationId } from '@lockstep/contract';

/**
 * What a call needs of an operation: its id, method and path template. Each operation's
 * descriptor is a generated constant named after its operationId (`getHealth`, `signIn`, ...).
 */
export interface OperationDescriptor<K extends OperationId = OperationId> {
  /** The operationId. */
  readonly id: K;
  /** The HTTP method, upper case. */
  readonly method: string;
  /** The path template, e.g. `/auth/users/{userId}`. */
  readonly path: string;
  /** The last path parameter takes slashes (a file key). */
  readonly pathTail?: boolean;
  /** The spec says `security: []`: the call is sent without the client's credentials (sign-in, health). */
  readonly public?: boolean;
}
