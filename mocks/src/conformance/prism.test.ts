/**
 * `npm run mock` serves every operation: Prism is started on the bundled spec, and each
 * operation's request (sampled parameters, the first request example as body) must get an
 * answer that the spec documents, body and headers included.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { type OperationId, openapiDocument, operations } from '@lockstep/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstExample } from '../internal/first-example';
import { specOperation } from '../internal/spec-operations';
import { answerViolations } from '../test-support/answer-violations';
import { requestFor } from '../test-support/request-for';

const root = join(import.meta.dirname, '../../..');
let prism: ChildProcess;
let baseUrl: string;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (
      await fetch(`${url}/health`).then(
        () => true,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('Prism did not start');
}

function withExampleBody(operationId: OperationId, request: Request): Request {
  const op = specOperation(openapiDocument, operationId);
  const media = op.operation.requestBody?.content?.['application/json'];
  const example = media && firstExample(openapiDocument, media);
  if (!example) return request;
  const headers = new Headers(request.headers);
  headers.set('content-type', 'application/json');
  return new Request(request, { headers, body: JSON.stringify(example.value) });
}

beforeAll(async () => {
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  const spec = join(root, 'packages/contract/generated/openapi.gen.json');
  prism = spawn(join(root, 'node_modules/.bin/prism'), ['mock', '--host', '127.0.0.1', '--port', String(port), spec], {
    stdio: 'ignore',
  });
  await waitUntilUp(baseUrl, Date.now() + 30_000);
}, 40_000);

afterAll(() => {
  prism?.kill();
});

describe('Prism (npm run mock)', () => {
  it.each(Object.keys(operations) as OperationId[])('answers %s as the spec documents', async (operationId) => {
    const request = withExampleBody(operationId, requestFor(operationId, { baseUrl }));
    const response = await fetch(request);
    expect(response.status).not.toBe(404);
    expect(await answerViolations(operationId, response)).toEqual([]);
  });
});
