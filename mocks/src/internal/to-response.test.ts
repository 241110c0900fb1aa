import { describe, expect, it } from 'vitest';
import { toResponse } from './to-response';

describe('toResponse', () => {
  it('carries status, headers and a JSON body', async () => {
    const response = toResponse({ status: 201, headers: { 'Content-Type': 'application/json' }, body: { id: 1 } });
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ id: 1 });
  });
  it('carries no body for 204', async () => {
    const response = toResponse({ status: 204, headers: {}, body: null });
    expect(response.body).toBeNull();
  });
  it('carries text as is', async () => {
    const response = toResponse({ status: 200, headers: { 'Content-Type': 'text/csv' }, body: 'a,b\n' });
    expect(await response.text()).toBe('a,b\n');
  });
});
