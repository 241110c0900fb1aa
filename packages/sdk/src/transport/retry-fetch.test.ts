import { describe, expect, it } from 'vitest';
import { createClient } from '../client';
import { isLockstepNetworkError, LockstepNetworkError } from '../errors';
import { apiError, json, networkFailure, scriptedFetch } from '../testing/fake-fetch';
import { retryFetch } from './retry-fetch';

const fast = { attempts: 2, baseDelayMs: 5 };
const ok = () => json(200, { status: 'ok' });
const unavailable = () => apiError(503, 'UNAVAILABLE');

/** An answer that notes the time it was asked. */
function timed(times: number[], answer: () => Response) {
  return () => {
    times.push(Date.now());
    return answer();
  };
}

function client(fetch: ReturnType<typeof scriptedFetch>, retry: Parameters<typeof createClient>[0]['retry'] = fast) {
  return createClient({ url: 'http://api.test', fetch, retry });
}

describe('retries', () => {
  it.each([502, 503, 504])('retries an idempotent request on %i, then answers', async (status) => {
    const fetch = scriptedFetch(() => apiError(status, 'UNAVAILABLE'), ok);
    const { data } = await client(fetch).health.check();
    expect(data).toEqual({ status: 'ok' });
    expect(fetch.requests).toHaveLength(2);
  });

  it('waits with exponential backoff between attempts', async () => {
    const times: number[] = [];
    const fetch = scriptedFetch(timed(times, unavailable), timed(times, unavailable), timed(times, ok));
    await client(fetch, { attempts: 2, baseDelayMs: 20 }).health.check();
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(18);
    expect(times[2] - times[1]).toBeGreaterThanOrEqual(38);
  });

  it('gives up after `attempts` retries and returns the last answer', async () => {
    const fetch = scriptedFetch(unavailable);
    const { error } = await client(fetch).health.check();
    expect(error?.status).toBe(503);
    expect(fetch.requests).toHaveLength(3);
  });

  it('retries an idempotent request on a network error', async () => {
    const fetch = scriptedFetch(networkFailure, ok);
    const { data } = await client(fetch).health.check();
    expect(data).toEqual({ status: 'ok' });
    expect(fetch.requests).toHaveLength(2);
  });

  it('throws a LockstepNetworkError when the network keeps failing', async () => {
    const fetch = scriptedFetch(networkFailure);
    const failure = await client(fetch)
      .health.check()
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(LockstepNetworkError);
    expect(isLockstepNetworkError(failure)).toBe(true);
    expect(failure).toMatchObject({ method: 'GET', url: 'http://api.test/health' });
    expect((failure as Error).cause).toBeInstanceOf(TypeError);
    expect(fetch.requests).toHaveLength(3);
  });

  it('never retries a POST, on 503 or on a network error', async () => {
    const on503 = scriptedFetch(unavailable, ok);
    const { error } = await client(on503).auth.signIn({ body: { email: 'a@b.c', password: 'p' } });
    expect(error?.status).toBe(503);
    expect(on503.requests).toHaveLength(1);
    const offline = scriptedFetch(networkFailure, ok);
    await expect(client(offline).setup.complete()).rejects.toBeInstanceOf(LockstepNetworkError);
    expect(offline.requests).toHaveLength(1);
  });

  it('never retries a PATCH', async () => {
    const fetch = scriptedFetch(unavailable, ok);
    await client(fetch).auth.updateUser({ params: { path: { userId: 'u1' } }, body: { name: 'Ada' } });
    expect(fetch.requests).toHaveLength(1);
  });

  it('sends the same body on each attempt of a PUT', async () => {
    const send = scriptedFetch(unavailable, ok);
    const retried = retryFetch(send, fast);
    await retried(new Request('http://api.test/x', { method: 'PUT', body: '{"a":1}' }));
    expect(send.requests.map((r) => r.body)).toEqual(['{"a":1}', '{"a":1}']);
  });

  it('honours Retry-After on 429 for idempotent requests', async () => {
    const fetch = scriptedFetch(() => apiError(429, 'RATE_LIMITED'), ok);
    const limited = scriptedFetch(
      () => json(429, { message: 'x', code: 'RATE_LIMITED', status: 429 }, { 'retry-after': '0' }),
      ok,
    );
    expect((await client(fetch).health.check()).error?.status).toBe(429); // no Retry-After: not retried
    expect(fetch.requests).toHaveLength(1);
    expect((await client(limited).health.check()).error).toBeUndefined();
    expect(limited.requests).toHaveLength(2);
  });

  it('waits as long as Retry-After asks on 503', async () => {
    const times: number[] = [];
    const fetch = scriptedFetch(
      timed(times, () => json(503, { message: 'x', code: 'UNAVAILABLE', status: 503 }, { 'retry-after': '1' })),
      timed(times, ok),
    );
    await client(fetch, { attempts: 1, baseDelayMs: 1 }).health.check();
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(990);
  });

  it('does not wait for a Retry-After longer than maxDelayMs', async () => {
    const fetch = scriptedFetch(() =>
      json(503, { message: 'x', code: 'UNAVAILABLE', status: 503 }, { 'retry-after': '60' }),
    );
    const { error } = await client(fetch, { ...fast, maxDelayMs: 1000 }).health.check();
    expect(error?.status).toBe(503);
    expect(fetch.requests).toHaveLength(1);
  });

  it('does not honour Retry-After on a POST', async () => {
    const fetch = scriptedFetch(() =>
      json(429, { message: 'x', code: 'RATE_LIMITED', status: 429 }, { 'retry-after': '0' }),
    );
    await client(fetch).auth.forgotPassword({ body: { email: 'a@b.c' } });
    expect(fetch.requests).toHaveLength(1);
  });

  it('does not retry other errors', async () => {
    const fetch = scriptedFetch(() => apiError(500, 'INTERNAL'), ok);
    expect((await client(fetch).health.check()).error?.code).toBe('INTERNAL');
    expect(fetch.requests).toHaveLength(1);
  });

  it('is off with retry: false', async () => {
    const fetch = scriptedFetch(unavailable, ok);
    await client(fetch, false).health.check();
    expect(fetch.requests).toHaveLength(1);
  });

  it('stops waiting when the request is aborted', async () => {
    const fetch = scriptedFetch(unavailable, ok);
    const controller = new AbortController();
    const pending = client(fetch, { attempts: 2, baseDelayMs: 10_000 }).health.check({ signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    await expect(pending).rejects.toThrow(/abort/i);
    expect(fetch.requests).toHaveLength(1);
  });
});
