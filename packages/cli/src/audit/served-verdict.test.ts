import { describe, expect, it } from 'vitest';
import { errorCode, routeUnknown } from '../spec/error-body';
import { type ProbeAnswer, sameAnswer } from './served-verdict';

const answer = (status: number, body: string): ProbeAnswer => ({ status, body, allow: null });

describe('routeUnknown', () => {
  it.each([
    [404, '{"code":"ROUTE_NOT_FOUND","message":"No operation serves GET /x"}', true],
    [404, '{"error":{"code":"ROUTE_NOT_FOUND"}}', true],
    [404, '<pre>Cannot GET /api/x</pre>', true],
    [404, '{"message":"Route GET:/x not found","error":"Not Found","statusCode":404}', true],
    [404, '404 Not Found', true],
    [404, '404 page not found\n', true],
    [404, '<html><head><title>404 Not Found</title></head></html>', true],
    [404, '{"code":"NOT_FOUND","message":"No user with that id"}', false],
    [404, '{"message":"user not found"}', false],
    [404, '', false],
  ])('%i %s → %s', (status, body, want) => {
    expect(routeUnknown(answer(status, body))).toBe(want);
  });
});

describe('sameAnswer', () => {
  it('compares JSON error codes, not the path in the message', () => {
    expect(sameAnswer(answer(404, '{"code":"X","message":"/a"}'), answer(404, '{"code":"X","message":"/b"}'))).toBe(
      true,
    );
    expect(sameAnswer(answer(404, '{"code":"X"}'), answer(404, '{"code":"Y"}'))).toBe(false);
  });
  it('compares text with paths blanked out', () => {
    expect(sameAnswer(answer(404, 'Cannot GET /a/b'), answer(404, 'Cannot GET /zz'))).toBe(true);
    expect(sameAnswer(answer(404, 'x'), answer(401, 'x'))).toBe(false);
  });
});

describe('errorCode', () => {
  it.each([
    ['{"code":"A"}', 'A'],
    ['{"error":{"code":"B"}}', 'B'],
    ['{"code":404}', null],
    ['not json', null],
  ])('%s → %s', (body, want) => {
    expect(errorCode(body)).toBe(want);
  });
});
