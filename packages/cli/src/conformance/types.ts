/** The shapes the contract suite passes around: operations read from a spec, requests, and check results. */

/** One parameter of an operation, its `$ref` followed. */
export type ParamSpec = {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  /** The schema as written (it may be a `$ref`). */
  schema: any;
  /** Where the schema sits in the document, for validators. */
  schemaAt: string[];
  style?: string;
  explode?: boolean;
  allowReserved?: boolean;
  /** Values the spec gives: the parameter's `example`/`examples`, then its schema's. */
  examples: unknown[];
};

/** The request body of an operation, in the one media type the suite sends. */
export type BodySpec = {
  mediaType: string;
  required: boolean;
  schema: any;
  schemaAt: string[];
  examples: { name: string; value: unknown }[];
};

/** One way to authenticate: every scheme listed, each with the scopes it needs. Empty: anonymous. */
export type Alternative = { scheme: string; scopes: string[] }[];

/** An operation of the spec, as the suite exercises it. */
export type ContractOperation = {
  operationId: string;
  /** Lower case, as in the spec. */
  method: string;
  path: string;
  tag: string;
  /** Where the operation object sits in the document. */
  at: string[];
  params: ParamSpec[];
  body?: BodySpec;
  /** The operation's security alternatives; empty when it is public. */
  security: Alternative[];
  /** A DELETE, or named like a deletion (`bulkDelete`, `/purge`): it runs after the rest of its tag. */
  destructive: boolean;
  /** Whether calling it ends the caller's session (sign-out): it runs last. */
  endsSession: boolean;
  /** A step of the first-run setup (`/setup/*`, not GET): it runs only with `--include-setup`. */
  setupStep: boolean;
};

/** What a request carries besides its method. */
export type HttpCase = {
  /** The concrete path, already encoded. */
  path: string;
  query: [string, string][];
  headers: Record<string, string>;
  body?: { mediaType: string; value: unknown; schema?: any };
};

/** What came back: a status with its body read (JSON parsed), or the transport error. */
export type HttpAnswer = {
  status: number;
  headers: Headers;
  /** The media type, lower case, without parameters; '' when absent. */
  mediaType: string;
  text: string;
  json?: unknown;
  /** Set when the body was not read (a stream, a download). */
  unread?: boolean;
  error?: string;
  /** The error is a timeout (other requests to the operation may still be answered). */
  timedOut?: boolean;
  ms: number;
};

/**
 * How a check ended. `failed`: the server broke the spec. `spec-gap`: the spec does not say
 * (an undocumented status for a case the spec cannot decide, such as a 422 to an invalid body
 * when no 4xx is documented); it fails only with `--strict`. `unsure`: the tool cannot judge
 * (no answer in time). A passed check may carry a warning.
 */
export type Outcome = 'passed' | 'failed' | 'spec-gap' | 'unsure' | 'not-implemented' | 'skipped';

/** What a check exercises. */
export type CheckKind = 'positive' | 'negative' | 'auth' | 'fuzz';

/** The result of one check: one request (or one fuzz property) against one operation. */
export type CheckResult = {
  tag: string;
  operationId: string;
  method: string;
  path: string;
  kind: CheckKind;
  /** What was sent, e.g. `negative: body.email missing`. */
  name: string;
  outcome: Outcome;
  /** Why it failed, was skipped or is not implemented. */
  message?: string;
  warning?: string;
  status?: number;
  ms: number;
  /** Fuzz only: how many generated cases were sent. */
  runs?: number;
};

/** The credentials given on the command line. */
export type Credentials = {
  token?: string;
  apiKey?: string;
  adminToken?: string;
  adminApiKey?: string;
};
