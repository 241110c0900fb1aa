import { describe, expect, it } from 'vitest';
import { isLockstepError } from '../errors';
import { readResult } from './read-result';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('readResult', () => {
  it('reads a JSON success body, with or without a content length', async () => {
    expect((await readResult(json(200, { a: 1 }), 'GET')).data).toEqual({ a: 1 });
    const sized = new Response('{"a":2}', { headers: { 'content-length': '7' } });
    expect((await readResult(sized, 'GET')).data).toEqual({ a: 2 });
  });

  it('has no data for 204, HEAD or an empty body', async () => {
    expect(await readResult(new Response(null, { status: 204 }), 'DELETE')).toMatchObject({ data: undefined });
    expect(await readResult(json(200, { a: 1 }), 'HEAD')).toMatchObject({ data: undefined });
    expect(await readResult(new Response(''), 'GET')).toMatchObject({ data: undefined });
  });

  it('reads as asked: text, blob, stream', async () => {
    expect((await readResult(new Response('x'), 'GET', 'text')).data).toBe('x');
    expect(await ((await readResult(new Response('x'), 'GET', 'blob')).data as Blob).text()).toBe('x');
    expect((await readResult(new Response('x'), 'GET', 'stream')).data).toBeInstanceOf(ReadableStream);
  });

  it('turns an error body into a LockstepError', async () => {
    const { error, data } = await readResult(json(404, { message: 'No', code: 'NOT_FOUND', status: 404 }), 'GET');
    expect(data).toBeUndefined();
    expect(isLockstepError(error)).toBe(true);
    expect(error).toMatchObject({ status: 404, code: 'NOT_FOUND', message: 'No' });
  });

  it('turns any other error answer into UNEXPECTED_RESPONSE with its text', async () => {
    const { error } = await readResult(new Response('<h1>Bad gateway</h1>', { status: 502 }), 'GET');
    expect(error).toMatchObject({ status: 502, code: 'UNEXPECTED_RESPONSE', message: '<h1>Bad gateway</h1>' });
  });
});
