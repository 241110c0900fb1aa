import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SignedInCaller } from '../../data/caller';
import { RlsStore } from '../../data/policy/store';
import { ServerEvents } from '../../data/server-events';
import { openDatabase } from '../../db/database';
import { createLogger } from '../../log';
import { Outbox } from '../../mail/outbox';
import { SettingsStore } from '../../settings/settings-store';
import { createAuthServices } from './service';
import { SessionsStore } from './sessions/store';
import { UsersStore } from './users/store';

const database = await openDatabase({ dataDir: mkdtempSync(join(tmpdir(), 'auth-services-')) });
afterAll(() => database.close());

const { db } = database;
const events = new ServerEvents();
const heard: string[] = [];
events.listen(async (event) => {
  heard.push(event);
});
const outbox = new Outbox(db, createLogger('silent'), 'lockstep@example.com');
const auth = createAuthServices({
  database,
  users: new UsersStore(db),
  sessions: new SessionsStore(db),
  rls: new RlsStore(db),
  settings: new SettingsStore(db),
  outbox,
  events,
  jwtSecret: new TextEncoder().encode('a-test-secret-of-enough-length-for-hs256'),
  publicUrl: 'http://localhost:54321',
});
const client = { device: 'test', ip: null };
const password = 'Long-enough-1';

const callerOf = (user: { id: string; email: string; role: SignedInCaller['role'] }): SignedInCaller => ({
  kind: 'user',
  userId: user.id,
  email: user.email,
  role: user.role,
});

describe('the auth services, built together', () => {
  it('sign-up registers, mails a verification link, opens a session and announces auth.user.created', async () => {
    const session = await auth.sessions.signUp({ email: 'ada@example.com', password }, client);
    expect(session).toMatchObject({ user: { email: 'ada@example.com', role: 'user' }, token_type: 'bearer' });
    expect(heard).toEqual(['auth.user.created']);
    const [mail] = await outbox.recent('ada@example.com');
    expect(mail).toMatchObject({ purpose: 'verify_email' });
    const token = /token=(\S+)/.exec(mail.body)![1];
    await auth.passwords.verifyEmail(token);
    expect(await auth.users.get(session.user.id)).toMatchObject({ email_verified: true });
    await expect(auth.passwords.verifyEmail(token)).rejects.toMatchObject({ status: 400, code: 'INVALID_TOKEN' });
  });

  it("lets a user see and revoke only their own sessions; an admin anybody's", async () => {
    const bob = (await auth.sessions.signUp({ email: 'bob@example.com', password }, client)).user;
    const cy = (await auth.sessions.signUp({ email: 'cy@example.com', password }, client)).user;
    const admin = await auth.users.create({ email: 'root@example.com', password, role: 'admin' });
    const page = { limit: 50, offset: 0 };
    const { sessions } = await auth.sessions.list(callerOf(bob), page);
    expect(sessions.map((s) => s.user_id)).toEqual([bob.id]);
    await expect(auth.sessions.list(callerOf(bob), { ...page, userId: cy.id })).rejects.toMatchObject({ status: 403 });
    await expect(auth.sessions.revoke(callerOf(cy), sessions[0].id)).rejects.toMatchObject({ status: 404 });
    const asAdmin = await auth.sessions.list(callerOf(admin), { ...page, userId: bob.id });
    expect(asAdmin.sessions.map((s) => s.id)).toEqual([sessions[0].id]);
    await auth.sessions.revoke(callerOf(admin), sessions[0].id);
    expect((await auth.sessions.list(callerOf(bob), page)).total).toBe(0);
  });

  it('resends a verification email to the user or for an admin, until it is verified', async () => {
    const dee = (await auth.sessions.signUp({ email: 'dee@example.com', password }, client)).user;
    const eve = (await auth.sessions.signUp({ email: 'eve@example.com', password }, client)).user;
    await expect(auth.passwords.resendVerification(callerOf(eve), dee.id)).rejects.toMatchObject({ status: 403 });
    await auth.passwords.resendVerification(callerOf(dee), dee.id);
    expect(await outbox.recent('dee@example.com')).toHaveLength(2);
    await auth.users.update(dee.id, { email_verified: true });
    await expect(auth.passwords.resendVerification(callerOf(dee), dee.id)).rejects.toMatchObject({ status: 409 });
  });
});
