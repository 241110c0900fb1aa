import { describe, expect, it } from 'vitest';
import type { PresenceUser } from './frames';
import { Presence } from './presence';

const user = (id: string, at: string): PresenceUser => ({ user_id: id, online_at: at, status: 'online' });

describe('Presence', () => {
  it('lists each user once, by arrival, across connections and instances', () => {
    const p = new Presence();
    p.track({ channel: 'c', connectionId: 'k1', user: user('ada', '2026-01-01T00:00:02Z') });
    p.track({ channel: 'c', connectionId: 'k2', user: user('ada', '2026-01-01T00:00:03Z') });
    p.applyRemote('i2', 'join', { channel: 'c', connectionId: 'k3', user: user('bob', '2026-01-01T00:00:01Z') });
    expect(p.users('c').map((u) => [u.user_id, u.online_at])).toEqual([
      ['bob', '2026-01-01T00:00:01Z'],
      ['ada', '2026-01-01T00:00:03Z'],
    ]);
    expect(p.users('other')).toEqual([]);
  });

  it('keeps a user present until their last connection leaves', () => {
    const p = new Presence();
    p.track({ channel: 'c', connectionId: 'k1', user: user('ada', 't1') });
    p.track({ channel: 'c', connectionId: 'k2', user: user('ada', 't2') });
    expect(p.untrack('c', 'k1')?.user_id).toBe('ada');
    expect(p.has('c', 'ada')).toBe(true);
    p.untrack('c', 'k2');
    expect(p.has('c', 'ada')).toBe(false);
    expect(p.untrack('c', 'k2')).toBeUndefined();
  });

  it('forgets the entries of an instance that fell silent, and answers them', () => {
    const p = new Presence();
    p.applyRemote('i2', 'join', { channel: 'c', connectionId: 'k', user: user('bob', 't') }, 1000);
    p.heard('i3', 5000);
    expect(p.expire(2000)).toEqual([{ channel: 'c', connectionId: 'k', user: user('bob', 't') }]);
    expect(p.has('c', 'bob')).toBe(false);
    expect(p.expire(2000)).toEqual([]);
  });
});
