import { describe, expect, it } from 'vitest';
import { isLockstepError, isLockstepNetworkError, LockstepError, LockstepNetworkError } from './errors';

const body = { message: 'No such resource.', code: 'NOT_FOUND', status: 404, request_id: 'req-1' } as const;

describe('LockstepError', () => {
  it('carries the error body as data', () => {
    const error = new LockstepError(body);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'LockstepError',
      message: 'No such resource.',
      code: 'NOT_FOUND',
      status: 404,
    });
    expect(error.requestId).toBe('req-1');
    expect(error.details).toBeUndefined();
    expect(JSON.parse(JSON.stringify(error))).toEqual(body);
  });

  it('is built from the error body of a response, or from its status when the body is something else', () => {
    expect(LockstepError.fromResponse(body, new Response(null, { status: 404 })).code).toBe('NOT_FOUND');
    const odd = LockstepError.fromResponse({ oops: true }, new Response(null, { status: 500 }));
    expect(odd).toMatchObject({ code: 'UNEXPECTED_RESPONSE', status: 500, message: 'HTTP 500' });
    expect(odd.body).toMatchObject({ raw: { oops: true } });
  });
});

describe('isLockstepError', () => {
  it.each([
    { given: new LockstepError(body), want: true },
    { given: { [Symbol.for('lockstep.error')]: true }, want: true }, // from another copy of the SDK
    { given: new Error('x'), want: false },
    { given: body, want: false },
    { given: new LockstepNetworkError(new Request('http://api.test/'), new TypeError('x')), want: false },
    { given: null, want: false },
    { given: 'NOT_FOUND', want: false },
  ])('$given → $want', ({ given, want }) => {
    expect(isLockstepError(given)).toBe(want);
  });
});

describe('isLockstepNetworkError', () => {
  it('recognises transport failures only', () => {
    const failure = new LockstepNetworkError(new Request('http://api.test/health'), new TypeError('fetch failed'));
    expect(isLockstepNetworkError(failure)).toBe(true);
    expect(failure.message).toBe('GET http://api.test/health failed: fetch failed');
    expect(isLockstepNetworkError(new LockstepError(body))).toBe(false);
    expect(isLockstepNetworkError(new TypeError('fetch failed'))).toBe(false);
  });
});
