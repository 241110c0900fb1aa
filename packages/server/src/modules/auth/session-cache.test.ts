import { describe, expect, it, vi } from 'vitest';
import { type LiveSession, SessionCache } from './session-cache';

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();
const session = (id: string, expires_at = inAnHour()): LiveSession => ({
  id,
  user_id: `u-${id}`,
  email: `${id}@example.com`,
  role: 'user',
  expires_at,
});

describe('SessionCache', () => {
  it('answers a session seen within the second from memory', async () => {
    const cache = new SessionCache(1000);
    const load = vi.fn(async (id: string) => session(id));
    await cache.lookup('s1', load);
    expect(await cache.lookup('s1', load)).toMatchObject({ id: 's1' });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('tells a session seen within the second without a lookup, and nothing once it is forgotten', async () => {
    const cache = new SessionCache(1000);
    expect(cache.fresh('s1')).toBeUndefined();
    await cache.lookup('s1', async (id) => session(id));
    expect(cache.fresh('s1')).toMatchObject({ id: 's1' });
    cache.forgetAll();
    expect(cache.fresh('s1')).toBeUndefined();
  });

  it('asks again once its time is up', async () => {
    const cache = new SessionCache(20);
    const load = vi.fn(async (id: string) => session(id));
    await cache.lookup('s1', load);
    await new Promise((resolve) => setTimeout(resolve, 40));
    await cache.lookup('s1', load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('never keeps a session past its own expiry', async () => {
    const cache = new SessionCache(60_000);
    const load = vi.fn(async (id: string) => session(id, new Date(Date.now() - 1).toISOString()));
    await cache.lookup('s1', load);
    await cache.lookup('s1', load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('does not remember a session that is not live', async () => {
    const cache = new SessionCache(1000);
    const load = vi.fn(async () => undefined);
    expect(await cache.lookup('gone', load)).toBeUndefined();
    await cache.lookup('gone', load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('forgets everything on a change, at once', async () => {
    const cache = new SessionCache(1000);
    let live = true;
    const load = vi.fn(async (id: string) => (live ? session(id) : undefined));
    await cache.lookup('s1', load);
    live = false;
    cache.forgetAll();
    expect(await cache.lookup('s1', load)).toBeUndefined();
  });

  it('does not keep what a lookup read before a change that happened meanwhile', async () => {
    const cache = new SessionCache(1000);
    let release = () => {};
    const slow = (id: string) =>
      new Promise<LiveSession>((resolve) => {
        release = () => resolve(session(id));
      });
    const pending = cache.lookup('s1', slow);
    cache.forgetAll();
    release();
    await pending;
    const load = vi.fn(async (id: string) => session(id));
    await cache.lookup('s1', load);
    expect(load).toHaveBeenCalledTimes(1);
  });
});
