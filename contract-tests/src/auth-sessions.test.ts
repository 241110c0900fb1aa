import { expect, it } from 'vitest';
import { setupAdmin, signIn, signUpUser } from './harness/fixtures';
import { contractSuite } from './harness/suite';

contractSuite(import.meta.filename, 'auth: sessions', (t) => {
  it('lists one own sessions; an admin lists anybody', async () => {
    const admin = await setupAdmin(t);
    const user = await signUpUser(t);
    await signIn(t, user.email, user.password);
    const own = await t.call('getSessions', { token: user.token });
    expect(own.status).toBe(200);
    expect(own.body).toHaveLength(2);
    expect(own.body.every((s: { user_id: string }) => s.user_id === user.id)).toBe(true);
    expect(own.headers.get('x-total-count')).toBe('2');
    const byAdmin = await t.call('getSessions', { params: { query: { user_id: user.id } }, token: admin.token });
    expect(byAdmin.body).toHaveLength(2);
    expect((await t.call('getSessions', { params: { query: { user_id: admin.id } }, token: user.token })).status).toBe(
      403,
    );
    expect((await t.call('getSessions', { params: { query: { user_id: 'nope' } }, token: user.token })).status).toBe(
      400,
    );
    expect((await t.call('getSessions')).status).toBe(401);
  });

  it('revokes a session: its tokens stop working; others cannot revoke it', async () => {
    const user = await signUpUser(t);
    const other = await signUpUser(t, 'other');
    const second = await signIn(t, user.email, user.password);
    const sessions = await t.call('getSessions', { token: user.token });
    const target = sessions.body[0]; // newest first: the session of `second`
    expect(
      (await t.call('revokeSession', { params: { path: { sessionId: target.id } }, token: other.token })).status,
    ).toBe(404);
    expect(
      (await t.call('revokeSession', { params: { path: { sessionId: target.id } }, token: user.token })).status,
    ).toBe(204);
    expect((await t.call('getCurrentUser', { token: second.token })).status).toBe(401);
    expect((await t.call('refreshToken', { body: { refresh_token: second.refreshToken } })).status).toBe(401);
    expect((await t.call('getCurrentUser', { token: user.token })).status).toBe(200);
    expect(
      (await t.call('revokeSession', { params: { path: { sessionId: target.id } }, token: user.token })).status,
    ).toBe(404);
    expect(
      (await t.call('revokeSession', { params: { path: { sessionId: 'not-a-uuid' } }, token: user.token })).status,
    ).toBe(400);
    expect((await t.call('revokeSession', { params: { path: { sessionId: target.id } } })).status).toBe(401);
  });
});
