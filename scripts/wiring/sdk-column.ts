/**
 * The wiring report's SDK column: each operation, as the spec document declares it, is called
 * through the SDK's public method against the msw mocks; the column passes only when the SDK
 * sent that operation's method and path and got back the answer the mock gives for it.
 */
import { deref, hasPathTail, matchOperation, type OpenApiDocument } from '@lockstep/contract';
import { createClient, type FetchLike, type LockstepClient, sdkOperationMethods } from '@lockstep/sdk';
import { createMockFetch, mockAnswer } from '@lockstep-internal/mocks';

type Doc = Record<string, any>;

/** One operation as the spec document declares it. */
export interface SpecOp {
  operationId: string;
  method: string;
  path: string;
  /** The last path parameter takes slashes (`x-lockstep-path-tail`). */
  pathTail?: boolean;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const baseUrl = 'http://wiring.test';

/** Every operation of the document, read from its paths (not from the generated table the SDK is built from). */
export function specOperationsOf(doc: OpenApiDocument): SpecOp[] {
  return Object.entries(doc.paths as Doc).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]?.operationId).map((method) => ({
      operationId: item[method].operationId as string,
      method,
      path,
      pathTail: hasPathTail(doc, path, method),
    })),
  );
}

/** A client of the mocks (or of `fetch`) that keeps every request it sends. */
export interface SdkProbe {
  client: LockstepClient;
  sent: Request[];
}

/** A signed-in SDK client over `fetch` (the msw mocks by default), recording what it sends. */
export function sdkProbe(fetch: FetchLike = createMockFetch({ baseUrl }) as FetchLike): SdkProbe {
  const sent: Request[] = [];
  const recording: FetchLike = (request) => {
    sent.push(request.clone());
    return fetch(request);
  };
  const headers = { authorization: 'Bearer wiring' };
  return { client: createClient({ url: baseUrl, fetch: recording, retry: false, headers }), sent };
}

function sampleOf(doc: Doc, param: Doc): unknown {
  if (param.example !== undefined) return param.example;
  const schema = deref(doc, param.schema).node ?? {};
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum) return schema.enum[0];
  return schema.type === 'integer' || schema.type === 'number' ? 1 : schema.type === 'boolean' ? true : 'x';
}

function bodyOf(doc: Doc, operation: Doc): unknown {
  const content = deref(doc, operation.requestBody).node?.content ?? {};
  const json = content['application/json'];
  if (json) {
    if (json.example !== undefined) return json.example;
    const first = Object.values(json.examples ?? {})[0] as Doc | undefined;
    return deref(doc, first).node?.value ?? {};
  }
  if (content['multipart/form-data']) return { file: new Blob(['wiring']) };
  return Object.keys(content).length > 0 ? new Blob(['wiring']) : undefined;
}

/** The `init` a call of `op` takes: a sample for each path and required query parameter, and the request example. */
export function sampleInit(doc: OpenApiDocument, op: SpecOp): Record<string, unknown> {
  const item = (doc.paths as Doc)[op.path];
  const params = [...(item.parameters ?? []), ...(item[op.method].parameters ?? [])].map(
    (p: Doc) => deref(doc, p).node,
  );
  const path = Object.fromEntries(params.filter((p) => p.in === 'path').map((p) => [p.name, String(sampleOf(doc, p))]));
  const query = Object.fromEntries(
    params.filter((p) => p.in === 'query' && p.required).map((p) => [p.name, sampleOf(doc, p)]),
  );
  const body = bodyOf(doc, item[op.method]);
  return { params: { path, query }, ...(body === undefined ? {} : { body }), parseAs: 'stream' };
}

/** What keeps `op` from being reachable through the SDK; empty when its method sends it and reads the mock's answer. */
export async function sdkGaps(doc: OpenApiDocument, probe: SdkProbe, op: SpecOp): Promise<string[]> {
  const name = (sdkOperationMethods as Record<string, string>)[op.operationId];
  if (!name) return ['no method'];
  const keys = name.split('.');
  const owner = keys.slice(0, -1).reduce((node: any, key) => node?.[key], probe.client);
  const method = owner?.[keys[keys.length - 1]];
  if (typeof method !== 'function') return [`${name} missing`];
  const before = probe.sent.length;
  let result: { response: Response };
  try {
    result = await method.call(owner, sampleInit(doc, op));
  } catch (error) {
    return [`${name} threw: ${error instanceof Error ? error.message : String(error)}`];
  }
  const sent = probe.sent.slice(before);
  if (sent.length !== 1) return [`${name} sent ${sent.length} requests`];
  const { pathname } = new URL(sent[0].url);
  const hit = matchOperation(specOperationsOf(doc), sent[0].method, pathname);
  if (hit?.operationId !== op.operationId) return [`${name} sent ${sent[0].method} ${pathname}`];
  const expected = mockAnswer(op.operationId as never).status;
  const status = result.response.status;
  return status === expected ? [] : [`${name} got ${status}, the mock answers ${expected}`];
}
