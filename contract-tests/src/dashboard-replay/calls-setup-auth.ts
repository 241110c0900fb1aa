/**
 * The setup wizard with the dashboard's defaults, the sign-in of the auth store, the
 * AuthPage, and `authService` (reference §3.1–3.3, §3.14), in the order a new user meets them.
 */
import { call, type ReplayCall } from './replay-call';
import type { Shape } from './shape';

const user: Shape = { id: 'string', email: 'string', role: 'string', created_at: 'string' };
const tokens: Shape = { access_token: 'string', expires_in: 'number' };
export const ADMIN = { email: 'admin@aerodb.example', password: 'Admin-passphrase-1' };
const PASSWORD = 'Member-passphrase-1';

/** The setup wizard (`setup/api.ts`, raw axios, no auth), with the defaults of its forms. */
export const setupCalls: ReplayCall[] = [
  call('GET', '/setup/status', (c) => c.client.send('GET', '/setup/status', { client: 'raw' }), {
    status: 'string',
    storage_configured: 'boolean',
    auth_configured: 'boolean',
    admin_created: 'boolean',
  }),
  call(
    'POST',
    '/setup/storage',
    (c) =>
      c.client.send('POST', '/setup/storage', {
        client: 'raw',
        body: {
          data_dir: '/var/lib/aerodb/data',
          wal_dir: '/var/lib/aerodb/wal',
          snapshot_dir: '/var/lib/aerodb/snapshots',
        },
      }),
    { success: 'boolean', data_dir: 'string', wal_dir: 'string', snapshot_dir: 'string' },
  ),
  call(
    'POST',
    '/setup/auth',
    (c) =>
      c.client.send('POST', '/setup/auth', {
        client: 'raw',
        body: {
          jwt_expiry_hours: 24,
          refresh_expiry_days: 7,
          password_min_length: 8,
          require_uppercase: false,
          require_number: false,
          require_special: false,
        },
      }),
    { success: 'boolean', jwt_expiry_hours: 'number', refresh_expiry_days: 'number' },
  ),
  call(
    'POST',
    '/setup/admin',
    (c) =>
      c.client.send('POST', '/setup/admin', {
        client: 'raw',
        body: { ...ADMIN, confirm_password: ADMIN.password },
      }),
    { success: 'boolean', email: 'string', message: 'string' },
  ),
  call('POST', '/setup/complete', (c) => c.client.send('POST', '/setup/complete', { client: 'raw' }), {
    success: 'boolean',
    status: 'string',
    message: 'string',
  }),
];

/** The Login page through the auth store (raw axios), then the store's `fetchUser`. */
export const signInCalls: ReplayCall[] = [
  call(
    'POST',
    '/auth/login',
    async (c) => {
      const reply = await c.client.send('POST', '/auth/login', { client: 'raw', body: ADMIN });
      c.client.keepTokens(reply.body ?? {});
      return reply;
    },
    // The store reads the flat tokens; authService.signIn reads {user, tokens}: one superset for both.
    { access_token: 'string', expires_in: 'number', 'refresh_token?': 'string', user, tokens },
  ),
  call('GET', '/auth/user', (c) => c.client.send('GET', '/auth/user', { client: 'raw-bearer' }), user),
];

/** The AuthPage (`/auth`) and the rest of `authService`. */
export const authCalls: ReplayCall[] = [
  call(
    'POST',
    '/auth/users',
    async (c) => {
      const email = `member-${Date.now().toString(36)}@aerodb.example`;
      const reply = await c.client.send('POST', '/auth/users', {
        body: { email, password: PASSWORD, name: 'Member', role: 'user' },
      });
      c.state.userId = reply.body?.id;
      c.state.userEmail = email;
      return reply;
    },
    user,
  ),
  call('GET', '/auth/users', (c) => c.client.send('GET', '/auth/users', { query: { limit: 50, search: 'aerodb' } }), [
    { id: 'string', email: 'string', role: 'string', created_at: 'string', 'name?': 'string', 'last_login?': 'string' },
  ]),
  call('GET', '/auth/users/{userId}', (c) => c.client.send('GET', `/auth/users/${c.state.userId}`), user),
  call(
    'PATCH',
    '/auth/users/{userId}',
    (c) =>
      c.client.send('PATCH', `/auth/users/${c.state.userId}`, {
        body: { name: 'Member Renamed', metadata: { team: 'a' } },
      }),
    user,
  ),
  call('POST', '/auth/users/{userId}/resend-verification', (c) =>
    c.client.send('POST', `/auth/users/${c.state.userId}/resend-verification`),
  ),
  call('POST', '/auth/verify-email', async (c) => {
    const token = await c.mailedToken(c.state.userEmail, 'verify_email');
    return c.client.send('POST', '/auth/verify-email', { body: { token } });
  }),
  call(
    'POST',
    '/auth/signup',
    async (c) => {
      const email = `signup-${Date.now().toString(36)}@aerodb.example`;
      const reply = await c.client.send('POST', '/auth/signup', {
        client: 'raw',
        body: { email, password: PASSWORD, metadata: {} },
      });
      c.state.signup = { email, id: reply.body?.user?.id, tokens: reply.body?.tokens ?? reply.body };
      return reply;
    },
    { user, tokens },
  ),
  call(
    'GET',
    '/auth/sessions',
    async (c) => {
      const reply = await c.client.send('GET', '/auth/sessions', { query: { user_id: c.state.signup?.id } });
      c.state.sessionId = reply.body?.[0]?.id;
      return reply;
    },
    [{ id: 'string', user_id: 'string', last_active: 'string', expires_at: 'string' }],
  ),
  call('DELETE', '/auth/sessions/{sessionId}', (c) => c.client.send('DELETE', `/auth/sessions/${c.state.sessionId}`)),
  call('GET', '/auth/password-policy', (c) => c.client.send('GET', '/auth/password-policy'), {
    min_length: 'number',
    require_uppercase: 'boolean',
    require_lowercase: 'boolean',
    require_numbers: 'boolean',
    require_symbols: 'boolean',
  }),
  call('POST', '/auth/forgot-password', (c) =>
    c.client.send('POST', '/auth/forgot-password', { body: { email: c.state.userEmail } }),
  ),
  call('POST', '/auth/reset-password', async (c) => {
    const token = await c.mailedToken(c.state.userEmail, 'reset_password');
    return c.client.send('POST', '/auth/reset-password', { body: { token, new_password: `${PASSWORD}-2` } });
  }),
  call('POST', '/auth/change-password', async (c) => {
    // ChangePasswordDialog, signed in as the admin: changes it and changes it back.
    const body = { current_password: ADMIN.password, new_password: `${ADMIN.password}-new` };
    const reply = await c.client.send('POST', '/auth/change-password', { body });
    if (reply.status < 300) {
      await c.client.send('POST', '/auth/change-password', {
        body: { current_password: body.new_password, new_password: ADMIN.password },
      });
    }
    return reply;
  }),
  call(
    'POST',
    '/auth/refresh',
    async (c) => {
      const reply = await c.client.send('POST', '/auth/refresh', {
        client: 'raw',
        body: { refresh_token: c.client.refreshToken },
      });
      c.client.keepTokens(reply.body ?? {});
      return reply;
    },
    tokens,
  ),
];

/** The calls that end a user's visit: deleting the member, signing the signed-up user out. */
export const authClosingCalls: ReplayCall[] = [
  call('DELETE', '/auth/users/{userId}', (c) => c.client.send('DELETE', `/auth/users/${c.state.userId}`)),
  call('POST', '/auth/logout', async (c) => {
    // authService.signOut (no body) as the signed-up user, signed in afresh; the admin's tokens stay.
    const own = { access: c.client.accessToken, refresh: c.client.refreshToken };
    const login = await c.client.send('POST', '/auth/login', {
      client: 'raw',
      body: { email: c.state.signup?.email, password: PASSWORD },
    });
    c.client.accessToken = login.body?.access_token;
    c.client.refreshToken = login.body?.refresh_token;
    try {
      return await c.client.send('POST', '/auth/logout');
    } finally {
      c.client.accessToken = own.access;
      c.client.refreshToken = own.refresh;
    }
  }),
];
