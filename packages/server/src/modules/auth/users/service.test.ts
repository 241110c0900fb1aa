import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ServerEvents } from '../../../data/server-events';
import { openDatabase } from '../../../db/database';
import { SettingsStore } from '../../../settings/settings-store';
import { UsersService } from './service';
import { UsersStore } from './store';

const database = await openDatabase({ dataDir: mkdtempSync(join(tmpdir(), 'users-service-')) });
afterAll(() => database.close());

const password = 'Long-enough-1';
let users: UsersService;
let heard: { event: string; email: string }[];

beforeEach(async () => {
  await database.db.deleteFrom('ls_users').execute();
  const events = new ServerEvents();
  heard = [];
  events.listen(async (event, data) => {
    heard.push({ event, email: (data as { email: string }).email });
  });
  users = new UsersService(new UsersStore(database.db), new SettingsStore(database.db), events);
});

describe('UsersService', () => {
  it('announces the accounts an admin creates, changes and deletes; a registration announces nothing', async () => {
    await users.register({ email: 'setup@example.com', password, role: 'admin' });
    const ada = await users.create({ email: 'ada@example.com', password });
    await users.update(ada.id, { name: 'Ada' });
    await users.delete(ada.id);
    expect(heard).toEqual([
      { event: 'auth.user.created', email: 'ada@example.com' },
      { event: 'auth.user.updated', email: 'ada@example.com' },
      { event: 'auth.user.deleted', email: 'ada@example.com' },
    ]);
  });

  it('keeps an email to one account, whatever its case (409), and a password to the policy (400)', async () => {
    const ada = await users.create({ email: 'ada@example.com', password });
    const bob = await users.create({ email: 'bob@example.com', password });
    await expect(users.create({ email: 'ADA@example.com', password })).rejects.toMatchObject({ status: 409 });
    await expect(users.update(bob.id, { email: 'Ada@Example.com' })).rejects.toMatchObject({ status: 409 });
    await expect(users.update(ada.id, { email: 'ADA@example.com' })).resolves.toMatchObject({
      email: 'ada@example.com',
    });
    await expect(users.create({ email: 'cy@example.com', password: 'short' })).rejects.toMatchObject({
      status: 400,
      code: 'WEAK_PASSWORD',
    });
  });

  it('never leaves the server without an admin (409), but lets one of two go', async () => {
    const first = await users.create({ email: 'first@example.com', password, role: 'admin' });
    await expect(users.update(first.id, { role: 'user' })).rejects.toMatchObject({ status: 409 });
    await expect(users.delete(first.id)).rejects.toMatchObject({ status: 409 });
    await users.create({ email: 'second@example.com', password, role: 'admin' });
    await expect(users.update(first.id, { role: 'user' })).resolves.toMatchObject({ role: 'user' });
    expect(await users.countAdmins()).toBe(1);
  });

  it('answers 404 for an unknown user, and 401 for a caller whose account is gone', async () => {
    await expect(users.get('nobody')).rejects.toMatchObject({ status: 404 });
    await expect(users.update('nobody', { name: 'x' })).rejects.toMatchObject({ status: 404 });
    await expect(users.delete('nobody')).rejects.toMatchObject({ status: 404 });
    await expect(users.current('nobody')).rejects.toMatchObject({ status: 401 });
  });
});
