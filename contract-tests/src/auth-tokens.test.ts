import { SignJWT } from 'jose';
import { expect, it } from 'vitest';
import { setupAdmin, signIn, signUpUser, uniqueEmail } from './harness/fixtures';
import { contractSuite } from './harness/suite';
import { testJwtSecret } from './harness/targets';

contractSuite(
  import.meta.filename,
  'auth: sign-up, sign-in, refresh, sign-out',
  (t) => {
    it('signs up: 201 with the flat tokens, user and tokens', async () => {
      const email = uniqueEmail();
      const res = await t.call('signUp', { body: { email, password: 'Long-enough-1', metadata: { plan: 'free' } } });
      expect(res.status).toBe(201);
      expect(res.body.user).toMatchObject({ email, role: 'user', email_verified: false, metadata: { plan: 'free' } });
      expect(res.body.tokens.access_token).toBe(res.body.access_token);
    });

    it('refuses a taken email (409), a weak password (400), a malformed body (400) and writes nothing', async () => {
      const user = await signUpUser(t);
      expect((await t.call('signUp', { body: { email: user.email, password: 'Long-enough-1' } })).status).toBe(409);
      const weakEmail = uniqueEmail('weak');
      const weak = await t.call('signUp', { body: { email: weakEmail, password: 'short' } });
      expect(weak.status).toBe(400);
      expect(weak.body.code).toBe('WEAK_PASSWORD');
      expect((await t.call('signIn', { body: { email: weakEmail, password: 'short' } })).status).toBe(401);
      const bad = await t.raw.post('/auth/signup', { email: 'not-an-email', password: 'Long-enough-1', extra: 1 });
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(
        expect.arrayContaining(['body.email', 'body.extra']),
      );
      const notJson = await t.raw.request('POST', '/auth/signup', undefined, { raw: '{"email":' });
      expect(notJson.body).toMatchObject({ code: 'INVALID_JSON', status: 400 });
    });

    it('signs in (200) and answers 401 INVALID_CREDENTIALS for a wrong password or unknown email', async () => {
      const user = await signUpUser(t);
      const ok = await t.call('signIn', { body: { email: user.email, password: user.password } });
      expect(ok.status).toBe(200);
      expect(ok.body.user.last_login).toBeTruthy();
      for (const attempt of [
        { email: user.email, password: 'Wrong-password-1' },
        { email: uniqueEmail('nobody'), password: 'x' },
      ]) {
        const res = await t.call('signIn', { body: attempt });
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('INVALID_CREDENTIALS');
      }
      expect((await t.call('signIn', { body: { email: user.email } })).status).toBe(400);
    });

    it('the dashboard login flow: login, GET /auth/user, then on 401 refresh and the retried call succeeds', async () => {
      const user = await signUpUser(t);
      const login = await t.call('signIn', { body: { email: user.email, password: user.password } });
      const me = await t.call('getCurrentUser', { token: login.body.access_token });
      expect(me.body).toMatchObject({ id: user.id, email: user.email });
      const expired = await new SignJWT({ email: user.email, role: 'user', sid: 'x' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(user.id)
        .setIssuer('lockstep')
        .setAudience('lockstep')
        .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
        .sign(new TextEncoder().encode(testJwtSecret));
      const rejected = await t.call('getCurrentUser', { token: expired });
      expect(rejected.status).toBe(401);
      expect(rejected.body.code).toBe('TOKEN_EXPIRED');
      const refreshed = await t.call('refreshToken', { body: { refresh_token: login.body.refresh_token } });
      expect(refreshed.status).toBe(200);
      expect((await t.call('getCurrentUser', { token: refreshed.body.access_token })).status).toBe(200);
    });

    it('refuses a correctly signed token of a live session that has no expiry (401)', async () => {
      const user = await signUpUser(t);
      const claims = JSON.parse(Buffer.from(user.token.split('.')[1], 'base64url').toString());
      const forever = await new SignJWT({ email: claims.email, role: claims.role, sid: claims.sid })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(claims.sub)
        .setIssuer('lockstep')
        .setAudience('lockstep')
        .sign(new TextEncoder().encode(testJwtSecret));
      const rejected = await t.call('getCurrentUser', { token: forever });
      expect(rejected.status).toBe(401);
      expect(rejected.body.code).toBe('UNAUTHENTICATED');
      expect((await t.call('getCurrentUser', { token: user.token })).status).toBe(200);
    });

    it('refuses tampered, unsigned and wrong-algorithm tokens (401)', async () => {
      const user = await signUpUser(t);
      const [head, payload, signature] = user.token.split('.');
      const forgedPayload = Buffer.from(
        JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'admin' }),
      ).toString('base64url');
      const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
      for (const token of [`${head}.${forgedPayload}.${signature}`, none, 'garbage', `${user.token}x`]) {
        const res = await t.call('getCurrentUser', { token });
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('UNAUTHENTICATED');
      }
      expect((await t.call('getCurrentUser')).status).toBe(401);
    });

    it('rotates refresh tokens; reusing a rotated one revokes the session', async () => {
      const user = await signUpUser(t);
      const first = await t.call('refreshToken', { body: { refresh_token: user.refreshToken } });
      expect(first.status).toBe(200);
      const reuse = await t.call('refreshToken', { body: { refresh_token: user.refreshToken } });
      expect(reuse.status).toBe(401);
      expect(reuse.body.code).toBe('REFRESH_TOKEN_REUSED');
      expect((await t.call('refreshToken', { body: { refresh_token: first.body.refresh_token } })).status).toBe(401);
      expect((await t.call('getCurrentUser', { token: first.body.access_token })).status).toBe(401);
      expect((await t.call('refreshToken', { body: { refresh_token: 'rt_unknown' } })).body.code).toBe(
        'UNAUTHENTICATED',
      );
      expect((await t.call('refreshToken', { body: {} })).status).toBe(400);
    });

    it('signs out: 204, then the token and refresh token stop working', async () => {
      const user = await signUpUser(t);
      expect((await t.call('signOut', { token: user.token })).status).toBe(204);
      expect((await t.call('getCurrentUser', { token: user.token })).status).toBe(401);
      expect((await t.call('refreshToken', { body: { refresh_token: user.refreshToken } })).status).toBe(401);
      expect((await t.call('signOut')).status).toBe(401);
      const again = await signIn(t, user.email, user.password);
      expect((await t.raw.post('/auth/logout', { refresh_token: 7 }, { token: again.token })).status).toBe(400);
    });

    it('admins get their role in the token', async () => {
      const admin = await setupAdmin(t);
      expect((await t.call('getCurrentUser', { token: admin.token })).body.role).toBe('admin');
    });
  },
  { overHttp: true },
);
