/**
 * The standalone server (`serveMocks`, `npm run mock:msw`) answers every operation byte for byte
 * as the msw handlers do (`createMockFetch`): the default answer, without a credential, each
 * documented status through `x-mock-status`, an undocumented one, each documented content type
 * through `Accept`, and a WebSocket upgrade. Only the transport's own headers may differ.
 */
import { type OperationId, openapiDocument, operations } from '@lockstep/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockFetch } from '../create-mock-fetch';
import { specOperation } from '../internal/spec-operations';
import { type ServedMocks, serveMocks } from '../serve';
import { type HttpAnswer, httpAnswer } from '../test-support/http-answer';
import { requestFor } from '../test-support/request-for';

const ids = Object.keys(operations) as OperationId[];
/** Headers Node's http server adds to every answer; the handlers' `Response` has none of them. */
const TRANSPORT = ['date', 'connection', 'keep-alive', 'transfer-encoding'];

let mock: ServedMocks;
let handlersFetch: typeof fetch;
beforeAll(async () => {
  mock = await serveMocks({ port: 0 });
  handlersFetch = createMockFetch({ baseUrl: mock.url });
});
afterAll(() => mock.close());

/** The requests to try on an operation: header sets, each sent with the operation's own request. */
function variants(operationId: OperationId): Record<string, string>[] {
  const { responses } = specOperation(openapiDocument, operationId).operation;
  const statuses = Object.keys(responses).filter((status) => /^\d{3}$/.test(status));
  const types = new Set(statuses.flatMap((status) => Object.keys(responses[status]?.content ?? {})));
  return [
    {},
    { 'x-mock-status': '418' },
    { upgrade: 'websocket', connection: 'Upgrade' },
    ...statuses.map((status) => ({ 'x-mock-status': status })),
    ...[...types].map((type) => ({ accept: type })),
  ];
}

async function throughHandlers(request: Request): Promise<HttpAnswer> {
  const response = await handlersFetch(request);
  const headers: HttpAnswer['headers'] = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return { status: response.status, headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

function withoutTransport({ status, headers, bytes }: HttpAnswer, handlers: HttpAnswer) {
  const kept = Object.entries(headers).filter(
    ([name]) => !TRANSPORT.includes(name) && (name !== 'content-length' || 'content-length' in handlers.headers),
  );
  return { status, headers: Object.fromEntries(kept), body: bytes.toString('base64') };
}

describe.each(ids)('%s over HTTP', (operationId) => {
  it('answers as the handlers do, whatever the request asks', async () => {
    for (const credential of [true, false])
      for (const headers of variants(operationId)) {
        const request = requestFor(operationId, { baseUrl: mock.url, credential, headers });
        const served = await httpAnswer(request.url, {
          method: request.method,
          headers: Object.fromEntries(request.headers),
        });
        const handlers = await throughHandlers(requestFor(operationId, { baseUrl: mock.url, credential, headers }));
        const seen = withoutTransport(served, handlers);
        expect(seen, `${JSON.stringify({ credential, headers })}`).toEqual({ ...withoutTransport(handlers, handlers) });
        if (!('content-length' in handlers.headers))
          expect(Number(served.headers['content-length'] ?? 0)).toBe(served.bytes.length);
      }
  });
});
