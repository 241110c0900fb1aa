import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { readRows, readySnapshot, seedData } from './backup-fixtures';
import { type Person, setupAdmin } from './harness/fixtures';
import { contractSuite, type SuiteContext } from './harness/suite';
import { download } from './storage-fixtures';

async function restoreSnapshot(t: SuiteContext, admin: Person, snapshotId: string, body: Record<string, unknown> = {}) {
  const started = await t.call('restoreSnapshot', { params: { path: { snapshotId } }, body, token: admin.token });
  expect(started.status).toBe(202);
  for (let i = 0; i < 400; i++) {
    const res = await t.call('getSnapshotRestoreStatus', {
      params: { path: { jobId: started.body.job_id } },
      token: admin.token,
    });
    if (res.body.status === 'complete' || res.body.status === 'failed') return res.body;
    await sleep(25);
  }
  throw new Error('snapshot restore did not end');
}

contractSuite(
  import.meta.filename,
  'snapshots: take, restore, clone, export and import',
  (t) => {
    it('restores a snapshot of the tables, all or some of them', async () => {
      const admin = await setupAdmin(t);
      await seedData(t, admin, 'snap_a');
      await t.call('createTable', {
        body: { name: 'snap_b', columns: [{ name: 'v', type: 'integer' }] },
        token: admin.token,
      });
      await t.call('insertRow', { params: { path: { tableName: 'snap_b' } }, body: { v: 1 }, token: admin.token });
      const a = await readRows(t, admin, 'snap_a');
      const b = await readRows(t, admin, 'snap_b');
      const snapshot = await readySnapshot(t, admin, 'before-change');
      expect(snapshot).toMatchObject({ status: 'ready', collections: ['snap_a', 'snap_b'] });
      expect(snapshot.manifest?.tables).toContainEqual(expect.objectContaining({ name: 'snap_a', row_count: 3 }));
      expect((await t.call('createSnapshot', { body: { name: 'before-change' }, token: admin.token })).status).toBe(
        409,
      );

      await t.call('deleteRow', { params: { path: { tableName: 'snap_a', rowId: '1' } }, token: admin.token });
      await t.call('insertRow', { params: { path: { tableName: 'snap_b' } }, body: { v: 2 }, token: admin.token });
      const only = await restoreSnapshot(t, admin, snapshot.id, { target_collections: ['snap_a'] });
      expect(only).toMatchObject({ status: 'complete', collections_restored: 1, total_collections: 1 });
      expect(await readRows(t, admin, 'snap_a')).toEqual(a);
      expect((await readRows(t, admin, 'snap_b')) as unknown[]).toHaveLength(2);
      expect((await restoreSnapshot(t, admin, snapshot.id)).status).toBe('complete');
      expect(await readRows(t, admin, 'snap_b')).toEqual(b);
      const bad = await t.call('restoreSnapshot', {
        params: { path: { snapshotId: snapshot.id } },
        body: { target_collections: ['ghost'] },
        token: admin.token,
      });
      expect(bad.status).toBe(400);
    });

    it('clones, exports, imports and deletes snapshots', async () => {
      const admin = await setupAdmin(t);
      await seedData(t, admin, 'snap_c');
      const snapshot = await readySnapshot(t, admin, 'to-copy');
      const clone = await t.call('cloneSnapshot', {
        params: { path: { snapshotId: snapshot.id } },
        body: { name: 'copied' },
        token: admin.token,
      });
      expect(clone.status).toBe(201);
      expect(clone.body).toMatchObject({ name: 'copied', status: 'ready', collections: snapshot.collections });
      const exported = await download(t, `/snapshots/${snapshot.id}/export`, { token: admin.token });
      expect(exported.status).toBe(200);
      const form = new FormData();
      form.append('snapshot', new Blob([exported.bytes as Uint8Array<ArrayBuffer>]), 'snapshot.tar.gz');
      form.append('name', 'imported');
      const imported = await t.send(
        new Request(`${t.target.baseUrl}/snapshots/import`, {
          method: 'POST',
          headers: { authorization: `Bearer ${admin.token}` },
          body: form,
        }),
      );
      expect(imported.status).toBe(201);
      expect(await imported.json()).toMatchObject({ name: 'imported', status: 'ready' });
      const importAgain = async (name?: string) => {
        const again = new FormData();
        again.append('snapshot', new Blob([exported.bytes as Uint8Array<ArrayBuffer>]), 'snapshot.tar.gz');
        if (name) again.append('name', name);
        const headers = { authorization: `Bearer ${admin.token}` };
        return t.send(new Request(`${t.target.baseUrl}/snapshots/import`, { method: 'POST', headers, body: again }));
      };
      // Re-importing an export as the dashboard does (no name) keeps both; a name given and taken is refused.
      expect(await (await importAgain()).json()).toMatchObject({ name: 'to-copy-imported-1' });
      expect((await importAgain('copied')).status).toBe(409);
      const list = await t.call('listSnapshots', { token: admin.token });
      expect(list.body.map((s: { name: string }) => s.name)).toEqual(
        expect.arrayContaining(['copied', 'imported', 'to-copy']),
      );
      expect(
        (await t.call('deleteSnapshot', { params: { path: { snapshotId: snapshot.id } }, token: admin.token })).status,
      ).toBe(204);
      expect(
        (await t.call('getSnapshot', { params: { path: { snapshotId: snapshot.id } }, token: admin.token })).status,
      ).toBe(404);
    });
  },
  { stateless: false, overHttp: false },
);
