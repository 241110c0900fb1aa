/** The HTTP client style a call was written in. */
export type ClientKind =
  | 'axios'
  | 'fetch'
  | 'ky'
  | 'openapi-fetch'
  | 'xhr'
  | 'event-source'
  | 'websocket'
  | 'http-client'
  | 'swr'
  | 'query'
  | 'rtk-query'
  | 'lockstep-sdk';

/** One HTTP call found in the frontend, with its URL reduced to a path template. */
export type FoundCall = {
  file: string;
  line: number;
  function: string;
  method: string;
  path: string;
  client: ClientKind;
  /** The host, when the URL names one literally (`https://plex.tv/api`). */
  host?: string;
  /** Calls through `@lockstep/sdk` name their operation; method and path come from the spec. */
  namedOperation?: string;
};

/** A call whose URL or method could not be worked out statically. */
export type UnresolvedCall = {
  file: string;
  line: number;
  function: string;
  expression: string;
  reason: string;
};

/** What a path parameter accepts, as far as matching a literal segment needs to know. */
export type ParamShape = { type?: string; format?: string; enum?: unknown[] };

/** One operation of the spec, with its path template normalised (`{param}` → `{}`). */
export type SpecOperation = {
  operationId: string;
  method: string;
  path: string;
  template: string;
  tag: string | null;
  /** Path parameters by name, when the spec declares them. */
  pathParams?: Record<string, ParamShape>;
  /** The last path parameter takes the rest of the path, slashes included (`x-lockstep-path-tail`). */
  pathTail?: boolean;
};

/** A found call after matching and (optionally) probing the backend. */
export type AuditedCall = FoundCall & {
  operationId: string | null;
  served: boolean | null;
  module: string;
  note?: string;
};
