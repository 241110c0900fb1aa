import { type OperationId, operations } from '@lockstep/contract';
import { getResponse, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createHandlers } from './create-handlers';
import { mockAnswer } from './mock-answer';
import { requestFor } from './test-support/request-for';
import type { MockOverrides, OverrideInfo } from './types';

const ids = Object.keys(operations) as OperationId[];
const tagging = Object.fromEntries(
  ids.map((id) => [id, () => new Response(null, { status: 299, headers: { 'x-operation': id } })]),
) as MockOverrides;

describe('createHandlers', () => {
  it('makes one handler per operation of the table', () => {
    expect(createHandlers()).toHaveLength(ids.length);
  });

  it('puts static segments before templates', () => {
    const paths = createHandlers().map((handler) => handler.info.path as string);
    const first = (path: string) => paths.findIndex((p) => p.endsWith(path));
    expect(first('/functions/templates')).toBeGreaterThanOrEqual(0);
    expect(first('/functions/templates')).toBeLessThan(first('/functions/:functionId'));
    expect(paths.every((path) => !path.includes('{'))).toBe(true);
  });

  it.each(ids)('routes a request for %s to its own handler', async (operationId) => {
    const response = await getResponse(createHandlers({ overrides: tagging }), requestFor(operationId));
    expect(response?.headers.get('x-operation')).toBe(operationId);
  });

  it('routes GET /functions/templates to getTemplates', async () => {
    const request = new Request('http://localhost:54321/functions/templates', {
      headers: { authorization: 'Bearer t' },
    });
    const response = await getResponse(createHandlers({ overrides: tagging }), request);
    expect(response?.headers.get('x-operation')).toBe('getTemplates');
  });

  it('answers on another base URL when told', async () => {
    const [operationId] = ids;
    const handlers = createHandlers({ baseUrl: 'https://api.example.test/v2/' });
    expect(
      await getResponse(handlers, requestFor(operationId, { baseUrl: 'https://api.example.test/v2' })),
    ).toBeDefined();
    expect(await getResponse(handlers, requestFor(operationId))).toBeUndefined();
  });

  it('waits the delay it is given', async () => {
    const [operationId] = ids;
    const started = performance.now();
    await getResponse(createHandlers({ delay: 60 }), requestFor(operationId));
    expect(performance.now() - started).toBeGreaterThanOrEqual(50);
  });
});

describe('overrides', () => {
  const [operationId] = ids;

  it('replace one answer', async () => {
    const handlers = createHandlers({
      overrides: { [operationId]: () => HttpResponse.json({ mine: true }, { status: 202 }) },
    });
    const response = await getResponse(handlers, requestFor(operationId));
    expect(response?.status).toBe(202);
    expect(await response?.json()).toEqual({ mine: true });
  });

  it('fall back to the mock when they return undefined', async () => {
    const handlers = createHandlers({ overrides: { [operationId]: () => undefined } });
    const response = await getResponse(handlers, requestFor(operationId));
    expect(response?.status).toBe(mockAnswer(operationId).status);
  });

  it('receive the request, the path parameters by spec name and the default answer', async () => {
    const templated = ids.find((id) => operations[id].path.includes('{'))!;
    const name = operations[templated].path.match(/\{([^}]+)\}/)![1];
    let seen: unknown;
    const handlers = createHandlers({
      overrides: {
        [templated]: (info: OverrideInfo) => {
          seen = info;
          return undefined;
        },
      },
    });
    const request = requestFor(templated);
    await getResponse(handlers, request);
    expect(seen).toMatchObject({
      operationId: templated,
      params: { [name]: expect.any(String) },
      answer: mockAnswer(templated),
    });
    expect((seen as { request: Request }).request.url).toBe(request.url);
  });
});
