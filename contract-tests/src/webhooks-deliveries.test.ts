import { randomUUID } from 'node:crypto';
import { verifyWebhookSignature } from '@lockstep/sdk';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTable } from './database-fixtures';
import { type Person, setupAdmin, signUpUser } from './harness/fixtures';
import { contextOf, contractSuite, type SuiteContext } from './harness/suite';
import { startTarget, type Target } from './harness/targets';
import { eventually } from './observability-fixtures';
import { upload } from './storage-fixtures';
import { Receiver, signatureIsValid } from './webhooks-fixtures';

contractSuite(import.meta.filename, 'webhooks: endpoints, signed deliveries and retries', (strict, targetName) => {
  let target: Target;
  let t: SuiteContext;
  let admin: Person;
  let strictAdmin: Person;
  let alice: Person;
  const receiver = new Receiver();

  beforeAll(async () => {
    await receiver.start();
    target = await startTarget(targetName, {
      webhooks: { allowPrivateAddresses: true, retryDelaysMs: [150, 300, 450, 600], pollMs: 50 },
    });
    t = contextOf(target);
    admin = await setupAdmin(t);
    strictAdmin = await setupAdmin(strict);
    alice = await signUpUser(t, 'wh-alice');
  });
  afterAll(async () => {
    await target?.stop();
    await receiver.stop();
  });

  it('creates, reads, changes and deletes an endpoint; the secret is shown once', async () => {
    const created = await t.call('createWebhook', {
      body: { name: 'crud', url: 'https://hooks.example.com/x', events: ['auth.user.created'] },
      token: admin.token,
    });
    expect(created.status).toBe(201);
    const { webhook, secret } = created.body;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(webhook.secret_prefix).toBe(secret.slice(0, 10));
    const listed = await t.call('listWebhooks', { token: admin.token });
    expect(JSON.stringify(listed.body)).not.toContain(secret.slice(10));
    expect(listed.headers.get('x-total-count')).toBe(String(listed.body.length));
    const changed = await t.call('updateWebhook', {
      params: { path: { webhookId: webhook.id } },
      body: { events: ['storage.object.created', 'backup.failed'], enabled: false },
      token: admin.token,
    });
    expect(changed.body).toMatchObject({ events: ['storage.object.created', 'backup.failed'], enabled: false });
    const got = await t.call('getWebhook', { params: { path: { webhookId: webhook.id } }, token: admin.token });
    expect(got.body.secret_prefix).toBe(webhook.secret_prefix);
    const gone = await t.call('deleteWebhook', { params: { path: { webhookId: webhook.id } }, token: admin.token });
    expect(gone.status).toBe(204);
    for (const call of [
      t.call('getWebhook', { params: { path: { webhookId: webhook.id } }, token: admin.token }),
      t.call('deleteWebhook', { params: { path: { webhookId: webhook.id } }, token: admin.token }),
      t.call('updateWebhook', {
        params: { path: { webhookId: randomUUID() } },
        body: { name: 'x' },
        token: admin.token,
      }),
      t.call('testWebhook', { params: { path: { webhookId: randomUUID() } }, token: admin.token }),
      t.call('listWebhookDeliveries', { params: { path: { webhookId: randomUUID() } }, token: admin.token }),
    ])
      expect((await call).status).toBe(404);
  });

  it('refuses non-admins, and URLs into private networks unless allowed', async () => {
    expect((await t.call('listWebhooks', { token: alice.token })).status).toBe(403);
    expect((await t.call('listWebhooks', {})).status).toBe(401);
    const refused = await strict.call('createWebhook', {
      body: { name: 'ssrf', url: 'http://169.254.169.254/latest/meta-data', events: ['backup.failed'] },
      token: strictAdmin.token,
    });
    expect(refused.status).toBe(400);
    const loopback = await strict.call('createWebhook', {
      body: { name: 'ssrf', url: 'http://localhost:8080/x', events: ['backup.failed'] },
      token: strictAdmin.token,
    });
    expect(loopback.status).toBe(400);
    expect((await strict.call('listWebhooks', { token: strictAdmin.token })).body).toEqual([]);
  });

  it('sends a signed test delivery, and records a failing one as failed', async () => {
    const { body } = await t.call('createWebhook', {
      body: { name: 'test', url: receiver.url, events: ['backup.completed'], enabled: false },
      token: admin.token,
    });
    const before = receiver.received.length;
    const ok = await t.call('testWebhook', { params: { path: { webhookId: body.webhook.id } }, token: admin.token });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ event: 'webhook.test', status: 'succeeded', response_status: 200, attempt: 1 });
    const got = receiver.received[before];
    expect(got.headers['x-lockstep-event']).toBe('webhook.test');
    expect(got.headers['x-lockstep-delivery']).toBe(ok.body.id);
    expect(signatureIsValid(body.secret, String(got.headers['x-lockstep-signature']), got.body)).toBe(true);
    expect(signatureIsValid(body.secret, String(got.headers['x-lockstep-signature']), `${got.body} `)).toBe(false);
    expect(JSON.parse(got.body)).toMatchObject({ event: 'webhook.test', data: {} });
    // The SDK's helper, on the server's real delivery.
    const header = String(got.headers['x-lockstep-signature']);
    expect(await verifyWebhookSignature(body.secret, header, got.body)).toBe(true);
    expect(await verifyWebhookSignature(body.secret, header, got.body.replace('{}', '{"x":1}'))).toBe(false);
    expect(await verifyWebhookSignature(body.secret, header, got.body, { now: Date.now() / 1000 + 3600 })).toBe(false);
    receiver.script = [500];
    const failed = await t.call('testWebhook', {
      params: { path: { webhookId: body.webhook.id } },
      token: admin.token,
    });
    expect(failed.body).toMatchObject({ status: 'failed', response_status: 500, attempt: 1, delivered_at: null });
  });

  it('delivers auth.user.created when a user signs up, with the user as data', async () => {
    const { body } = await t.call('createWebhook', {
      body: { name: 'signups', url: receiver.url, events: ['auth.user.created'] },
      token: admin.token,
    });
    const before = receiver.received.length;
    const bob = await signUpUser(t, 'wh-bob');
    const got = await eventually(async () =>
      receiver.received.slice(before).find((r) => r.headers['x-lockstep-event'] === 'auth.user.created'),
    );
    expect(JSON.parse(got.body)).toMatchObject({ event: 'auth.user.created', data: { id: bob.id, email: bob.email } });
    expect(await verifyWebhookSignature(body.secret, String(got.headers['x-lockstep-signature']), got.body)).toBe(true);
    // Any Standard Webhooks library verifies the same delivery with the secret as it is.
    const standard = new Webhook(body.secret).verify(got.body, got.headers as Record<string, string>);
    expect(standard).toMatchObject({ event: 'auth.user.created' });
    await t.call('deleteWebhook', { params: { path: { webhookId: body.webhook.id } }, token: admin.token });
  });

  it('delivers the events of buckets, files, tables and function invocations, with the data the spec gives', async () => {
    const events = [
      'storage.bucket.created',
      'storage.object.created',
      'storage.object.deleted',
      'storage.bucket.deleted',
      'database.table.created',
      'database.table.dropped',
      'functions.invocation.succeeded',
      'backup.completed',
    ] as const;
    const { body } = await t.call('createWebhook', {
      body: { name: 'modules', url: receiver.url, events: [...events] },
      token: admin.token,
    });
    const before = receiver.received.length;
    const bucket = `wh-${randomUUID().slice(0, 8)}`;
    expect((await t.call('createBucket', { body: { name: bucket }, token: admin.token })).status).toBe(201);
    expect((await upload(t, bucket, { token: admin.token, path: 'a/b.txt', data: 'hello' })).status).toBe(201);
    const gone = await t.call('deleteFile', {
      params: { path: { bucketName: bucket, filePath: 'a/b.txt' } },
      token: admin.token,
    });
    expect(gone.status).toBe(204);
    expect(
      (await t.call('deleteBucket', { params: { path: { bucketName: bucket } }, token: admin.token })).status,
    ).toBe(204);
    const table = `wh_tbl_${randomUUID().slice(0, 8)}`;
    await createTable(t, admin, table, [{ name: 'id', type: 'integer', primary_key: true }]);
    expect((await t.call('dropTable', { params: { path: { tableName: table } }, token: admin.token })).status).toBe(
      204,
    );
    const fn = await t.call('createFunction', {
      body: {
        name: `wh-fn-${randomUUID().slice(0, 8)}`,
        runtime: 'deno',
        code: 'export default async () => ({ ok: true })',
      },
      token: admin.token,
    });
    const run = await t.call('invokeFunction', {
      params: { path: { functionId: fn.body.id } },
      body: {},
      token: admin.token,
    });
    expect(run.status).toBe(200);
    const backup = await t.call('createBackup', { body: {}, token: admin.token });
    expect(backup.status).toBe(202);
    const seen = await eventually(async () => {
      const got = receiver.received.slice(before).map((r) => JSON.parse(r.body));
      return events.every((e) => got.some((g) => g.event === e)) && got;
    }, 15_000);
    const data = (event: string) => seen.find((g: { event: string }) => g.event === event).data;
    expect(data('storage.bucket.created')).toEqual({ bucket });
    expect(data('storage.object.created')).toEqual({ bucket, path: 'a/b.txt', size: 5, content_type: 'text/plain' });
    expect(data('storage.object.deleted')).toMatchObject({ bucket, path: 'a/b.txt' });
    expect(data('database.table.created')).toEqual({ table });
    expect(data('database.table.dropped')).toEqual({ table });
    expect(data('functions.invocation.succeeded')).toMatchObject({
      function_id: fn.body.id,
      invocation_id: run.body.id,
      status: 'success',
      error: null,
    });
    expect(data('backup.completed')).toMatchObject({ backup_id: backup.body.backup_id, error: null });
    expect(data('backup.completed').size_bytes).toBeGreaterThan(0);
    await t.call('deleteWebhook', { params: { path: { webhookId: body.webhook.id } }, token: admin.token });
  });

  it('delivers row inserts from the change feed, retrying a receiver that fails twice until the third attempt', async () => {
    const table = `wh_rows_${targetName}`;
    await createTable(t, admin, table, [
      { name: 'id', type: 'integer', primary_key: true },
      { name: 'title', type: 'text' },
    ]);
    const { body } = await t.call('createWebhook', {
      body: { name: 'rows', url: receiver.url, events: ['database.row.inserted'] },
      token: admin.token,
    });
    const id = body.webhook.id;
    const before = receiver.received.length;
    receiver.script = [503, 500];
    const inserted = await t.call('insertRow', {
      params: { path: { tableName: table } },
      body: { id: 7, title: 'hello' },
      token: admin.token,
    });
    expect(inserted.status).toBe(201);
    await eventually(async () => receiver.received.length >= before + 3, 8000);
    const attempts = receiver.received.slice(before, before + 3);
    const deliveryIds = new Set(attempts.map((a) => a.headers['x-lockstep-delivery']));
    expect(deliveryIds.size).toBe(1);
    for (const a of attempts)
      expect(signatureIsValid(body.secret, String(a.headers['x-lockstep-signature']), a.body)).toBe(true);
    const event = JSON.parse(attempts[2].body);
    expect(event).toMatchObject({ event: 'database.row.inserted', data: { table, row: { id: 7, title: 'hello' } } });
    const done = await eventually(async () => {
      const res = await t.call('listWebhookDeliveries', { params: { path: { webhookId: id } }, token: admin.token });
      return res.body[0]?.status === 'succeeded' ? res : undefined;
    });
    expect(done.body).toHaveLength(1);
    expect(done.body[0]).toMatchObject({ event: 'database.row.inserted', attempt: 3, response_status: 200 });
    const failedOnly = await t.call('listWebhookDeliveries', {
      params: { path: { webhookId: id }, query: { status: 'failed' } },
      token: admin.token,
    });
    expect(failedOnly.body).toEqual([]);
  });

  it('sends a failed delivery again: same event and webhook-id, fresh signature, recorded as a redelivery', async () => {
    const { body } = await t.call('createWebhook', {
      body: { name: 'again', url: receiver.url, events: ['auth.user.created'] },
      token: admin.token,
    });
    const id = body.webhook.id;
    const before = receiver.received.length;
    receiver.script = [500, 502, 503, 500, 500];
    await signUpUser(t, 'wh-carol');
    const failed = await eventually(async () => {
      const res = await t.call('listWebhookDeliveries', { params: { path: { webhookId: id } }, token: admin.token });
      return res.body[0]?.status === 'failed' ? res.body[0] : undefined;
    }, 8000);
    expect(failed).toMatchObject({ attempt: 5, response_status: 500, redelivery_of: null });
    const first = receiver.received.slice(before).find((r) => r.headers['x-lockstep-delivery'] === failed.id)!;
    const path = { webhookId: id, deliveryId: failed.id };
    const again = await t.call('redeliverWebhookDelivery', { params: { path }, token: admin.token });
    expect(again.status, JSON.stringify(again.body)).toBe(202);
    expect(again.body).toMatchObject({ webhook_id: id, event: 'auth.user.created', status: 'pending', attempt: 0 });
    expect(again.body).toMatchObject({ redelivery_of: failed.id, response_status: null, delivered_at: null });
    expect(again.body.id).not.toBe(failed.id);
    const got = await eventually(async () =>
      receiver.received.slice(before).find((r) => r.headers['x-lockstep-delivery'] === again.body.id),
    );
    expect(got.body).toBe(first.body);
    expect(got.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(Number(got.headers['webhook-timestamp'])).toBeGreaterThanOrEqual(Number(first.headers['webhook-timestamp']));
    expect(new Webhook(body.secret).verify(got.body, got.headers as Record<string, string>)).toMatchObject({
      event: 'auth.user.created',
    });
    expect(signatureIsValid(body.secret, String(got.headers['x-lockstep-signature']), got.body)).toBe(true);
    type Delivery = { id: string; status: string };
    const log = await eventually(async () => {
      const res = await t.call('listWebhookDeliveries', { params: { path: { webhookId: id } }, token: admin.token });
      const list = res.body as Delivery[];
      return list.find((d) => d.id === again.body.id && d.status === 'succeeded') && list;
    });
    expect(log.find((d) => d.id === again.body.id)).toMatchObject({ attempt: 1, redelivery_of: failed.id });
    expect(log.find((d) => d.id === failed.id)).toMatchObject({ status: 'failed', attempt: 5 });

    const other = await t.call('createWebhook', {
      body: { name: 'other', url: receiver.url, events: ['backup.failed'] },
      token: admin.token,
    });
    const call = (p: { webhookId: string; deliveryId: string }, token?: string) =>
      t.call('redeliverWebhookDelivery', { params: { path: p }, token });
    expect((await call(path)).status).toBe(401);
    expect((await call(path, alice.token)).status).toBe(403);
    const bad = await t.call('redeliverWebhookDelivery', {
      params: { path: { webhookId: id, deliveryId: 'not-a-uuid' } },
      token: admin.token,
    });
    expect(bad.status).toBe(400);
    for (const p of [
      { webhookId: randomUUID(), deliveryId: failed.id },
      { webhookId: id, deliveryId: randomUUID() },
      { webhookId: other.body.webhook.id, deliveryId: failed.id },
    ])
      expect((await call(p, admin.token)).status).toBe(404);
    await t.call('updateWebhook', {
      params: { path: { webhookId: id } },
      body: { enabled: false },
      token: admin.token,
    });
    const disabled = await call(path, admin.token);
    expect(disabled.status).toBe(409);
    expect(disabled.body.code).toBe('CONFLICT');
    await t.call('deleteWebhook', { params: { path: { webhookId: id } }, token: admin.token });
    await t.call('deleteWebhook', { params: { path: { webhookId: other.body.webhook.id } }, token: admin.token });
  });
});
