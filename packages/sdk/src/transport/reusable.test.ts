import { describe, expect, it, vi } from 'vitest';
import { reusable, withStringBody } from './reusable';

const post = (body: BodyInit) => new Request('http://api.test/x', { method: 'POST', body });

describe('reusable', () => {
  it('gives a request without a body back as it is', () => {
    const request = new Request('http://api.test/x');
    expect(reusable(request)()).toBe(request);
  });

  it('rebuilds a request built from a string, with the headers it has by then, without copying it', async () => {
    const request = withStringBody(post('{"a":1}'), '{"a":1}');
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
    const request = post(new Blob(['bytes']));
    const again = reusable(request);
    await request.text();
    expect(await again().text()).toBe('bytes');
  });

  it('registers only string bodies', async () => {
    const request = withStringBody(post(new Blob(['b'])), new Blob(['b']));
    const clone = vi.spyOn(request, 'clone');
    reusable(request);
    expect(clone).toHaveBeenCalledOnce();
  });
});
