/** The CLI's error taxonomy: each kind of failure has its own exit code (see EXIT). */

/** The exit codes of every command, as the README documents them. */
export const EXIT = {
  /** Nothing to report. */
  ok: 0,
  /** The command ran and found something: breaking changes, drift, failed checks. */
  findings: 1,
  /** The command was called wrongly or its input is unusable (missing file, bad flag, not OpenAPI). */
  usage: 2,
  /** The target (server, backend) cannot be reached or drops every connection. */
  unreachable: 3,
  /** A bug in lockstep itself; the stack is printed. */
  internal: 4,
} as const;

/** A mistake in how the command was called, or input it cannot use: one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The target cannot be reached (nothing listening, every connection dropped): one line, exit code 3. */
export class UnreachableError extends Error {
  override name = 'UnreachableError';
}
