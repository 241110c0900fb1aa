/**
 * The mock behaves like the server at the edges: 401 without a needed credential, the
 * `x-mock-status` scenario header, and a WebSocket upgrade it cannot perform. Every answer
 * is checked against the spec as in every-operation.test.ts.
 */
import { type OperationId, openapiDocument, operations } from '@lockstep/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { specOperation } from '../internal/spec-operations';
import { createMockServer } from '../node';
import { answerViolations } from '../test-support/answer-violations';
import { requestFor } from '../test-support/request-for';
import { unmockable } from '../unmockable';

const ids = Object.keys(operations) as OperationId[];
const guarded = ids.filter((id) => !['public', 'optional'].includes(operations[id].access));
const open = ids.filter((id) => ['public', 'optional'].includes(operations[id].access));
const server = createMockServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('without a needed credential', () => {
  it.each(guarded)('%s answers 401 UNAUTHENTICATED', async (operationId) => {
    const response = await fetch(requestFor(operationId, { credential: false }));
    expect(response.status).toBe(401);
    expect(await response.clone().json()).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    expect(await answerViolations(operationId, response)).toEqual([]);
  });
  it.each(guarded)('%s accepts an apikey instead of a bearer token', async (operationId) => {
    const response = await fetch(requestFor(operationId, { credential: false, headers: { apikey: 'lsk_mock' } }));
    expect(response.status).toBeLessThan(400);
  });
  it.each(open)('%s (public or optional) needs none', async (operationId) => {
    const response = await fetch(requestFor(operationId, { credential: false }));
    expect(response.status).toBeLessThan(400);
  });
});

describe('x-mock-status', () => {
  it('answers getUser 404 with the spec’s NOT_FOUND body', async () => {
    const response = await fetch(requestFor('getUser' as OperationId, { headers: { 'x-mock-status': '404' } }));
    expect(response.status).toBe(404);
    expect(await response.clone().json()).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    expect(await answerViolations('getUser' as OperationId, response)).toEqual([]);
  });
  it('wins over the credential check, so error paths need no token', async () => {
    const [operationId] = guarded;
    const response = await fetch(requestFor(operationId, { credential: false, headers: { 'x-mock-status': '500' } }));
    expect(response.status).toBe(500);
  });
  it('answers 400 VALIDATION_FAILED naming the header for an undocumented status', async () => {
    const [operationId] = ids;
    const response = await fetch(requestFor(operationId, { headers: { 'x-mock-status': '418' } }));
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    expect(body.details[0].field).toBe('header.x-mock-status');
  });
});

describe('WebSocket upgrades', () => {
  it('lists connectRealtime as unmockable (101)', () => {
    expect(unmockable).toContainEqual(expect.objectContaining({ operationId: 'connectRealtime', status: 101 }));
  });
  it.each(unmockable.map((u) => u.operationId))('%s answers an upgrade with 501 NOT_IMPLEMENTED', async (id) => {
    const upgrade = { upgrade: 'websocket', connection: 'Upgrade', 'sec-websocket-version': '13' };
    const response = await fetch(requestFor(id, { headers: upgrade }));
    expect(response.status).toBe(501);
    expect(await response.clone().json()).toMatchObject({ code: 'NOT_IMPLEMENTED', status: 501 });
    expect(await answerViolations(id, response)).toEqual([]);
  });
  it.each(unmockable.map((u) => u.operationId))('%s documents the 1xx it cannot give', (id) => {
    const responses = specOperation(openapiDocument, id).operation.responses;
    expect(Object.keys(responses).some((status) => status.startsWith('1'))).toBe(true);
  });
});
