import { describe, expect, it, vi } from 'vitest';
import { newRequest, reusable } from './reusable';

const URL_X = 'http://api.test/x';

describe('reusable', () => {
  it('gives a request without a body back as it is', () => {
    const request = newRequest(URL_X, {});
    expect(reusable(request)()).toBe(request);
  });

  it('rebuilds a request built from a string, with the headers it has by then, without copying it', async () => {
    const request = newRequest(URL_X, { method: 'POST', body: '{"a":1}' });
    const clone = vi.spyOn(request, 'clone');
    const again = reusable(request);
    await request.text(); // sent: the body is read
    request.headers.set('authorization', 'Bearer new');
    const replay = again();
    expect(clone).not.toHaveBeenCalled();
    expect(replay).not.toBe(request);
    expect(replay.method).toBe('POST');
    expect(replay.headers.get('authorization')).toBe('Bearer new');
    expect(await replay.text()).toBe('{"a":1}');
    expect(await reusable(replay)().text()).toBe('{"a":1}'); // and again
  });

  it('copies any other request with a body before it is sent', async () => {
    const request = newRequest(URL_X, { method: 'POST', body: new Blob(['bytes']) });
    const clone = vi.spyOn(request, 'clone');
    const again = reusable(request);
    await request.text();
    expect(clone).toHaveBeenCalledOnce();
    expect(await again().text()).toBe('bytes');
  });

  it('copies a request with a string body that it did not build', async () => {
    const request = new Request(URL_X, { method: 'POST', body: 'text' });
    const again = reusable(request);
    await request.text();
    expect(await again().text()).toBe('text');
  });
});
