/**
 * The session cache never outlives a change: with sessions remembered for a minute, a sign-out
 * or a role change made through instance A is honoured by instance B within seconds (the
 * PostgreSQL notification, not the minute), and by A itself on the very next request.
 */
import { describe, expect, it } from 'vitest';
import { selectedTargets } from './harness/targets';
import { useTwoInstances } from './realtime-instances-fixture';

const run = selectedTargets().includes('postgres') ? describe : describe.skip;

/** Asks `url` with `token` until it answers `want` (or 5 s pass); answers the last status. */
async function statusSoon(url: string, token: string, want: number): Promise<number> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const { status } = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    if (status === want || Date.now() > deadline) return status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

run('auth: a remembered session ends everywhere when it changes', () => {
  const two = useTwoInstances({ sessionCacheMs: 60_000 }, 'sc');

  it('a sign-out on A ends the session on B', async () => {
    const onB = `${two.urls[1]}/auth/user`;
    expect(await statusSoon(onB, two.alice.token, 200)).toBe(200);
    const out = await two.client.call('signOut', { token: two.alice.token });
    expect(out.status).toBe(204);
    expect(await statusSoon(onB, two.alice.token, 401)).toBe(401);
  });

  it("a role change on A changes what B grants, and A's own next request", async () => {
    const usersOnB = `${two.urls[1]}/auth/users`;
    const usersOnA = `${two.urls[0]}/auth/users`;
    expect(await statusSoon(usersOnB, two.bob.token, 403)).toBe(403);
    expect(await statusSoon(usersOnA, two.bob.token, 403)).toBe(403);
    const promoted = await two.client.call('updateUser', {
      params: { path: { userId: two.bob.id } },
      body: { role: 'admin' },
      token: two.admin.token,
    });
    expect(promoted.status).toBe(200);
    const once = await fetch(usersOnA, { headers: { authorization: `Bearer ${two.bob.token}` } });
    expect(once.status).toBe(200);
    expect(await statusSoon(usersOnB, two.bob.token, 200)).toBe(200);
  });
});
