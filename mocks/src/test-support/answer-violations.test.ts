import { type OperationId, openapiDocument, operations } from '@lockstep/contract';
import { describe, expect, it } from 'vitest';
import { specOperation } from '../internal/spec-operations';
import { answerViolations } from './answer-violations';

const ids = Object.keys(operations) as OperationId[];
const withNotFound = ids.find((id) => specOperation(openapiDocument, id).operation.responses['404'])!;
const withTotal = ids.find((id) => {
  const responses = specOperation(openapiDocument, id).operation.responses;
  return JSON.stringify(responses).includes('"X-Total-Count"') && responses['200'];
});
const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });

describe('answerViolations', () => {
  it('accepts a valid error body', async () => {
    const body = { message: 'No such thing.', code: 'NOT_FOUND', status: 404 };
    expect(await answerViolations(withNotFound, json(404, body))).toEqual([]);
  });
  it('names the operation, the status and each offending field', async () => {
    const problems = await answerViolations(withNotFound, json(404, { message: 42, status: 404 }));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^${withNotFound} \\(.+\\) 404: body.code is required$`)),
        expect.stringMatching(/404: body.message must be string$/),
      ]),
    );
  });
  it('refuses an undocumented status', async () => {
    const [problem] = await answerViolations(withNotFound, json(418, {}));
    expect(problem).toMatch(/418: status is not documented/);
  });
  it('refuses an undocumented content type', async () => {
    const problems = await answerViolations(withNotFound, json(404, {}, 'text/html'));
    expect(problems).toEqual([
      expect.stringMatching(/header.Content-Type: text\/html is not one of application\/json/),
    ]);
  });
  it('checks documented headers against their schemas', async () => {
    const response = new Response('[]', { headers: { 'Content-Type': 'application/json', 'X-Total-Count': 'many' } });
    const problems = await answerViolations(withTotal!, response);
    expect(problems).toContainEqual(expect.stringMatching(/200: header.X-Total-Count must be integer$/));
  });
});
