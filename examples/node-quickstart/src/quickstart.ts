/**
 * The SDK against the reference server, in one process: the server is a fetch handler and
 * the SDK takes a fetch, so no port is opened. Run with `npm start` in this folder.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, isLockstepError } from '@lockstep/sdk';
import { createApp } from '@lockstep/server';

/** What the walkthrough saw, step by step. */
export interface QuickstartReport {
  setupStatus: string;
  signedInAs: string;
  role: string;
  refreshedAfterRevokedToken: boolean;
  adminOnlyError: string;
}

/** Walks a fresh server from setup to an admin call, the way an app would. */
export async function quickstart(
  dataDir = mkdtempSync(join(tmpdir(), 'lockstep-quickstart-')),
): Promise<QuickstartReport> {
  const app = await createApp({ dataDir, logLevel: 'silent' });
  try {
    const client = createClient({ url: 'http://localhost:54321', fetch: (request) => app.fetch(request) });
    const status = await client.setup.getStatus();
    await client.setup.createAdmin({
      body: { email: 'admin@example.com', password: 'Quickstart-pass-1', confirm_password: 'Quickstart-pass-1' },
    });
    const { data: session } = await client.auth.signIn({
      body: { email: 'admin@example.com', password: 'Quickstart-pass-1' },
    });
    // Break the stored access token: the SDK refreshes once and replays the call.
    const tokens = await client.auth.getTokens();
    await client.auth.setTokens({
      access_token: `${tokens?.access_token}broken`,
      refresh_token: tokens?.refresh_token ?? '',
    });
    const { data: me } = await client.auth.getUser();
    const plain = createClient({ url: 'http://localhost:54321', fetch: (request) => app.fetch(request) });
    await plain.auth.signUp({ body: { email: 'user@example.com', password: 'Quickstart-pass-2' } });
    const { error } = await plain.auth.listUsers({});
    return {
      setupStatus: status.data?.status ?? 'unknown',
      signedInAs: session?.user.email ?? 'nobody',
      role: me?.role ?? 'none',
      refreshedAfterRevokedToken: me?.email === 'admin@example.com',
      adminOnlyError: isLockstepError(error) ? `${error.status} ${error.code}` : 'none',
    };
  } finally {
    await app.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await quickstart());
}
