import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../data/caller';
import { RlsStore } from '../../data/policy/store';
import { ServerEvents } from '../../data/server-events';
import { openDatabase } from '../../db/database';
import type { HeaderReader } from '../../http/request-headers';
import { createLogger } from '../../log';
import { Outbox } from '../../mail/outbox';
import { SettingsStore } from '../../settings/settings-store';
import { ApiKeysStore } from '../api-keys/store';
import { Credentials } from './credentials';
import { createAuthServices } from './service';
import { SessionCache } from './session-cache';
import { SessionsStore } from './sessions/store';
import { UsersStore } from './users/store';

const database = await openDatabase({ dataDir: mkdtempSync(join(tmpdir(), 'credentials-')) });
afterAll(() => database.close());

const { db } = database;
const jwtSecret = new TextEncoder().encode('a-test-secret-of-enough-length-for-hs256');
const sessions = new SessionsStore(db);
const auth = createAuthServices({
  database,
  users: new UsersStore(db),
  sessions,
  rls: new RlsStore(db),
  settings: new SettingsStore(db),
  outbox: new Outbox(db, createLogger('silent'), 'lockstep@example.com'),
  events: new ServerEvents(),
  jwtSecret,
  publicUrl: 'http://localhost:54321',
});
const cache = new SessionCache(60_000);
const credentials = new Credentials(sessions, new ApiKeysStore(db), jwtSecret, cache);

const headers = (values: Record<string, string>): HeaderReader => ({ get: (name) => values[name] ?? null });
const bearer = (token: string) => headers({ authorization: `Bearer ${token}` });

describe('Credentials.callerOf, the request pipeline’s credential check', () => {
  it('answers anonymous without a promise when no credential is sent', () => {
    expect(credentials.callerOf(headers({}))).toBe(anonymous);
  });

  it('throws at once for an Authorization header that is not a Bearer token', () => {
    expect(() => credentials.callerOf(headers({ authorization: 'Basic abc' }))).toThrow(
      expect.objectContaining({ status: 401 }),
    );
  });

  it('looks a new token up once, then answers it without a promise while its session is fresh', async () => {
    const { access_token, user } = await auth.sessions.signUp(
      { email: 'grace@example.com', password: 'Long-enough-1' },
      { device: 'test', ip: null },
    );
    const first = credentials.callerOf(bearer(access_token));
    expect(first).toBeInstanceOf(Promise);
    expect(await first).toMatchObject({ kind: 'user', userId: user.id });
    expect(credentials.callerOf(bearer(access_token))).toMatchObject({ kind: 'user', userId: user.id });
  });

  it('refuses a revoked session at once: a change forgets the cached sessions, and the next request looks it up', async () => {
    const { access_token, user } = await auth.sessions.signUp(
      { email: 'ada@example.com', password: 'Long-enough-1' },
      { device: 'test', ip: null },
    );
    await credentials.callerOf(bearer(access_token));
    await sessions.revokeAllOf(user.id);
    cache.forgetAll(); // what `db/instance-changes.ts` does on every change to sessions
    const after = credentials.callerOf(bearer(access_token));
    expect(after).toBeInstanceOf(Promise);
    await expect(after).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('resolve answers the same caller as a promise', async () => {
    await expect(credentials.resolve(headers({}))).resolves.toBe(anonymous);
  });
});
