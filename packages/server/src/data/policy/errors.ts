const brand = Symbol.for('lockstep.PolicySyntaxError');

/** A policy expression that does not parse or breaks a limit; `position` is a 0-based offset. */
export class PolicySyntaxError extends Error {
  override readonly name = 'PolicySyntaxError';
  readonly [brand] = true;

  constructor(
    message: string,
    /** Where in the expression text the problem is, counting from 0. */
    readonly position: number,
  ) {
    super(message);
  }
}

/** Whether `error` is a `PolicySyntaxError` (also across copies of this module). */
export function isPolicySyntaxError(error: unknown): error is PolicySyntaxError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[brand] === true;
}
