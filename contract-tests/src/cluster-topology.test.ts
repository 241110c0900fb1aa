import { expect, it } from 'vitest';
import { setupAdmin, signUpUser } from './harness/fixtures';
import { contextOf, contractSuite } from './harness/suite';
import { startTarget } from './harness/targets';

contractSuite(
  import.meta.filename,
  'cluster: topology of one node, and of instances sharing a database',
  (t, targetName) => {
    it('shows the one node as the authority, healthy, with its marker', async () => {
      const admin = await setupAdmin(t);
      const token = admin.token;
      const control = await t.call('getControlTopology', { token });
      expect(control.status).toBe(200);
      expect(control.body.nodes).toHaveLength(1);
      const [self] = control.body.nodes;
      expect(self).toMatchObject({ role: 'authority', status: 'online', replication_lag: null });
      expect((await t.call('getNodes', { token })).body).toEqual([self]);
      expect((await t.call('getNode', { params: { path: { nodeId: self.id } }, token })).body).toEqual(self);
      expect((await t.call('getTopology', { token })).body).toEqual({ authority: self, replicas: [] });
      expect((await t.call('getClusterHealth', { token })).body).toMatchObject({ status: 'healthy', issues: [] });
      expect((await t.call('getClusterStats', { token })).body).toMatchObject({
        total_nodes: 1,
        replication_mode: 'none',
      });
      const replication = await t.call('getNodeReplicationStatus', { params: { path: { nodeId: self.id } }, token });
      expect(replication.body).toMatchObject({ node_id: self.id, role: 'authority', sync_mode: 'none' });
      expect((await t.call('getAuthorityMarker', { token })).body).toMatchObject({
        has_marker: true,
        node_id: self.id,
      });
      expect((await t.call('getPromotionState', { token })).body).toBeNull();
    });

    it('answers the documented errors where a replica is needed', async () => {
      const admin = await setupAdmin(t);
      const token = admin.token;
      const [self] = (await t.call('getControlTopology', { token })).body.nodes;
      const promote = await t.call('promoteNodeControl', { body: { node_id: self.id }, token });
      expect(promote.status).toBe(409);
      expect(promote.body.code).toBe('UNSUPPORTED_DEPLOYMENT');
      const added = await t.call('addReplica', { body: { host: '127.0.0.1', port: 5499 }, token });
      // On PostgreSQL nothing answers at that port (a standby is reached before anything else).
      expect(added.status).toBe(targetName === 'sqlite' ? 409 : 503);
      expect(added.body.code).toBe(targetName === 'sqlite' ? 'UNSUPPORTED_DEPLOYMENT' : 'UNAVAILABLE');
      const pause = await t.call('pauseReplication', { params: { path: { nodeId: self.id } }, token });
      expect(pause.status).toBe(409);
      expect(pause.body.code).toBe(targetName === 'sqlite' ? 'UNSUPPORTED_DEPLOYMENT' : 'CONFLICT');
      const promoteOther = await t.call('promoteReplica', { body: { node_id: self.id }, token });
      expect(promoteOther.body.code).toBe('UNSUPPORTED_DEPLOYMENT');
      const resume = await t.call('resumeReplication', { params: { path: { nodeId: self.id } }, token });
      expect(resume.status).toBe(409);
      const remove = await t.call('removeReplica', { params: { path: { nodeId: self.id } }, token });
      expect(remove.status).toBe(409);
      const statuses = await t.call('getReplicationStatus', { token });
      expect(statuses.body).toEqual([
        expect.objectContaining({ node_id: self.id, role: 'authority', replication_lag_ms: 0 }),
      ]);
      const missing = '00000000-0000-4000-8000-000000000000';
      expect((await t.call('getNode', { params: { path: { nodeId: missing } }, token })).status).toBe(404);
      const user = await signUpUser(t, 'plain');
      expect((await t.call('getControlTopology', { token: user.token })).status).toBe(403);
    });

    it.skipIf(targetName !== 'postgres')(
      'lists two instances on one database and moves the authority between them',
      async () => {
        const admin = await setupAdmin(t);
        const first = t.target.app!.services;
        const target = await startTarget('postgres', { pgSchema: first.config.pgSchema });
        try {
          const second = target.app!.services;
          const there = contextOf(target);
          await first.cluster.membership.beat();
          const nodes = (await t.call('getControlTopology', { token: admin.token })).body.nodes;
          expect(nodes.map((n: { id: string }) => n.id).sort()).toEqual(
            [first.cluster.membership.id, second.cluster.membership.id].sort(),
          );
          expect(
            nodes.filter((n: { role: string }) => n.role === 'authority').map((n: { id: string }) => n.id),
          ).toEqual([first.cluster.membership.id]);
          const moved = await t.call('promoteNodeControl', {
            body: { node_id: second.cluster.membership.id },
            token: admin.token,
          });
          expect(moved.status).toBe(202);
          await Promise.all([first.cluster.membership.beat(), second.cluster.membership.beat()]);
          const after = (await there.call('getTopology', { token: admin.token })).body;
          expect(after.authority?.id).toBe(second.cluster.membership.id);
          expect((await t.call('getPromotionState', { token: admin.token })).body).toMatchObject({
            current_state: 'completed',
          });
          // The FailoverWizard's call moves it back the same way.
          const back = await there.call('promoteReplica', {
            body: { node_id: first.cluster.membership.id },
            token: admin.token,
          });
          expect(back.status).toBe(202);
          expect(back.body).toMatchObject({ node_id: first.cluster.membership.id, status: 'completed' });
          await Promise.all([first.cluster.membership.beat(), second.cluster.membership.beat()]);
          expect((await t.call('getTopology', { token: admin.token })).body.authority?.id).toBe(
            first.cluster.membership.id,
          );
        } finally {
          await target.stop();
        }
        await first.cluster.membership.beat();
        const alone = (await t.call('getControlTopology', { token: admin.token })).body.nodes;
        expect(alone).toEqual([expect.objectContaining({ id: first.cluster.membership.id, role: 'authority' })]);
      },
    );
  },
  { stateless: false, overHttp: false },
);
