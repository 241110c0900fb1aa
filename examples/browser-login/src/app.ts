/**
 * Runs in the browser. Does what the AeroDB dashboard does: POST /auth/login, keep the
 * tokens in localStorage, GET /auth/user; then, with a broken access token, the SDK
 * refreshes once (POST /auth/refresh) and replays the call. Writes what happened to #result.
 */
import { createClient, isLockstepError } from '@lockstep/sdk';

async function run(): Promise<Record<string, unknown>> {
  const api = new URL(location.href).searchParams.get('api') ?? 'http://localhost:54321';
  const client = createClient({ url: api });
  await client.setup.createAdmin({
    body: { email: 'admin@example.com', password: 'Browser-pass-1', confirm_password: 'Browser-pass-1' },
  });
  await client.auth.signIn({ body: { email: 'admin@example.com', password: 'Browser-pass-1' } });
  const storedAfterLogin = Boolean(localStorage.getItem('access_token') && localStorage.getItem('refresh_token'));
  const first = await client.auth.getUser();
  const refreshBefore = localStorage.getItem('refresh_token');
  localStorage.setItem('access_token', 'not-a-valid-token');
  const replayed = await client.auth.getUser();
  const wrong = await client.auth.signIn({ body: { email: 'admin@example.com', password: 'wrong' } });
  return {
    storedAfterLogin,
    firstEmail: first.data?.email,
    replayedEmail: replayed.data?.email,
    refreshRotated: localStorage.getItem('refresh_token') !== refreshBefore,
    wrongPassword: isLockstepError(wrong.error)
      ? `${wrong.error.status} ${wrong.error.code}: ${wrong.error.message}`
      : 'no error',
  };
}

const out = document.getElementById('result')!;
run().then(
  (result) => {
    out.textContent = JSON.stringify(result);
    out.dataset.done = 'true';
  },
  (error: unknown) => {
    out.textContent = JSON.stringify({ failed: String(error) });
    out.dataset.done = 'true';
  },
);
