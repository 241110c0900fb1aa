/**
 * The messages between the server and a sandbox worker thread, and the outcome of one run.
 * Shared by the pool (server side) and the worker's main function (which only sees them as
 * plain data after structured cloning).
 */

/** Why a run did not succeed; the stable codes documented in docs/decisions/0007-functions-sandbox.md. */
export type SandboxErrorCode =
  | 'FUNCTION_ERROR'
  | 'TIMEOUT'
  | 'CPU_LIMIT'
  | 'MEMORY_LIMIT'
  | 'OUTPUT_TOO_LARGE'
  | 'SANDBOX_CRASHED'
  | 'SANDBOX_BUSY';

/** The limits of one run. */
export interface SandboxLimits {
  /** Wall clock from the start of the run, awaited fetches and timers included. */
  timeoutMs: number;
  /** Time spent executing JavaScript in the interpreter. */
  cpuMs: number;
  /** The QuickJS runtime's heap limit. */
  memoryBytes: number;
  /** The JSON text of the result, at most. */
  maxResultBytes: number;
  /** Log lines kept; the rest is dropped with one warning. */
  maxLogLines: number;
  /** Characters of log text kept, all lines together. */
  maxLogChars: number;
  /** `fetch` calls allowed in one run. */
  maxFetches: number;
}

/** What `fetch` may reach. */
export interface FetchPolicy {
  /** Host names (`api.example.com`) or suffix patterns (`*.example.com`), lowercase. */
  allowedHosts: string[];
  /** Whether allowed hosts may resolve to loopback, private, link-local or metadata addresses. */
  allowPrivateNetwork: boolean;
}

/** One run, as sent to a worker. */
export interface SandboxJob {
  /** The module, already JavaScript (TypeScript is transpiled at deploy time). */
  code: string;
  payloadJson: string;
  contextJson: string;
  limits: SandboxLimits;
  fetch: FetchPolicy;
}

/** One line the function logged. */
export interface SandboxLog {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  /** Milliseconds since the epoch. */
  at: number;
}

/** How a run ended. */
export interface SandboxOutcome {
  status: 'success' | 'error' | 'timeout';
  /** The result's JSON text, when it succeeded. */
  resultJson?: string;
  error?: string;
  errorCode?: SandboxErrorCode;
  logs: SandboxLog[];
  durationMs: number;
  cpuMs: number;
  /** QuickJS heap in use when the run ended. */
  memoryBytes: number;
  /** Inside the worker only: the QuickJS instance must not be reused. */
  recycle?: boolean;
}

/** Server to worker. */
export interface JobMessage {
  id: number;
  job: SandboxJob;
}

/** Worker to server. */
export type WorkerMessage = { id: number; outcome: SandboxOutcome } | { ready: true };
