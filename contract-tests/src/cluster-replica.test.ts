import pg from 'pg';
import { expect, it } from 'vitest';
import { type Person, setupAdmin, signUpUser } from './harness/fixtures';
import { contextOf, contractSuite, type SuiteContext } from './harness/suite';
import { postgresUrl, startTarget } from './harness/targets';
import { type Standby, startStandby } from './pg-standby';

/** Whether the user `email` is in the server's schema on the PostgreSQL at `url`. */
async function hasUser(url: string, schema: string, email: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`select count(*)::int as n from "${schema}".ls_users where email = $1`, [
      email,
    ]);
    return rows[0].n === 1;
  } finally {
    await client.end();
  }
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function inRecovery(standby: Standby): Promise<boolean> {
  const client = new pg.Client({ connectionString: standby.url });
  await client.connect();
  try {
    return (await client.query('select pg_is_in_recovery() as r')).rows[0].r;
  } finally {
    await client.end();
  }
}

/** Adds the standby and checks what the server reads of it. */
async function addAndRead(t: SuiteContext, admin: Person, standby: Standby) {
  const added = await t.call('addReplica', {
    body: { host: standby.host, port: standby.port, name: 'standby-a' },
    token: admin.token,
  });
  expect(added.status).toBe(201);
  expect(added.body).toMatchObject({ name: 'standby-a', role: 'replica', status: 'online', port: standby.port });
  const again = await t.call('addReplica', { body: { host: standby.host, port: standby.port }, token: admin.token });
  expect(again.status).toBe(409);
  const primary = new URL(postgresUrl);
  const notStandby = await t.call('addReplica', {
    body: { host: primary.hostname, port: Number(primary.port || 5432) },
    token: admin.token,
  });
  expect(notStandby.status).toBe(409);
  expect(notStandby.body.code).toBe('CONFLICT');
  return added.body.id as string;
}

contractSuite(
  import.meta.filename,
  'cluster: a real PostgreSQL streaming standby',
  (_suite, targetName) => {
    it.skipIf(targetName !== 'postgres')(
      'adds a standby, reads its lag, pauses and resumes it, promotes it and writes there',
      async () => {
        // A server of its own, stopped before the standby it moves to.
        const target = await startTarget('postgres');
        const t = contextOf(target);
        const services = target.app!.services;
        const schema = services.config.pgSchema!;
        const admin = await setupAdmin(t);
        const standby = await startStandby();
        let stopOther = async () => {};
        try {
          const token = admin.token;
          const firstId = await addAndRead(t, admin, standby);
          // Removing forgets the standby (it keeps streaming); the form adds it again afresh.
          const remove = () => t.call('removeReplica', { params: { path: { nodeId: firstId } }, token });
          expect((await remove()).status).toBe(204);
          expect((await remove()).status).toBe(404);
          expect((await t.call('getNodes', { token })).body.some((n: { id: string }) => n.id === firstId)).toBe(false);
          const readded = await t.call('addReplica', { body: { host: standby.host, port: standby.port }, token });
          expect(readded.status).toBe(201);
          const nodeId: string = readded.body.id;
          const status = () => t.call('getNodeReplicationStatus', { params: { path: { nodeId } }, token });

          const first = await signUpUser(t, 'replicated');
          await until(() => hasUser(standby.url, schema, first.email), 'the standby replays the first user');
          expect((await status()).body).toMatchObject({ node_id: nodeId, role: 'replica', sync_mode: 'async' });
          expect((await status()).body.last_sync_at).toEqual(expect.any(String));
          expect((await t.call('getClusterStats', { token })).body.replication_mode).toBe('async');

          expect((await t.call('pauseReplication', { params: { path: { nodeId } }, token })).status).toBe(204);
          const paused = await t.call('pauseReplication', { params: { path: { nodeId } }, token });
          expect(paused.status).toBe(409);
          const held = await signUpUser(t, 'held');
          await new Promise((resolve) => setTimeout(resolve, 300));
          expect(await hasUser(standby.url, schema, held.email)).toBe(false);
          const whilePaused = (await status()).body;
          expect(whilePaused.status).toBe('paused');
          expect(whilePaused.replication_lag_ms).toBeGreaterThan(0);
          expect((await t.call('getClusterHealth', { token })).body).toMatchObject({ status: 'degraded' });
          const whilePausedPromotion = await t.call('promoteReplica', { body: { node_id: nodeId }, token });
          expect(whilePausedPromotion.status).toBe(409);

          expect((await t.call('resumeReplication', { params: { path: { nodeId } }, token })).status).toBe(204);
          await until(() => hasUser(standby.url, schema, held.email), 'the standby replays after resuming');
          expect((await status()).body.status).toBe('online');

          const other = await startTarget('postgres', { pgSchema: schema });
          stopOther = () => other.stop();
          const promoted = await t.call('promoteNodeControl', { body: { node_id: nodeId }, token });
          expect(promoted.status).toBe(202);
          expect(promoted.body).toMatchObject({ node_id: nodeId, status: 'completed' });
          expect(await inRecovery(standby)).toBe(false);
          expect(services.database.url).toBe(standby.url);
          // Another instance on the old primary follows at its next heartbeat.
          const follower = other.app!.services;
          expect(follower.database.url).toBe(postgresUrl);
          await follower.cluster.membership.beat();
          expect(follower.database.url).toBe(standby.url);

          const after = await signUpUser(t, 'after-promotion');
          expect(await hasUser(standby.url, schema, after.email)).toBe(true);
          expect(await hasUser(postgresUrl, schema, after.email)).toBe(false);
          expect((await t.call('getPromotionState', { token })).body).toMatchObject({
            current_state: 'completed',
            target_node_id: nodeId,
            progress: 100,
          });
          const authority = services.cluster.membership.id;
          expect((await t.call('getAuthorityMarker', { token })).body).toMatchObject({
            has_marker: true,
            node_id: authority,
          });
          const topology = (await t.call('getTopology', { token })).body;
          expect(topology.authority?.id).toBe(authority);
          // The promoted standby is the database now, no longer a replica: the other instance remains.
          expect(topology.replicas.map((n: { id: string }) => n.id)).toEqual([follower.cluster.membership.id]);
        } finally {
          await stopOther();
          await target.stop();
          await standby.stop();
        }
      },
      60_000,
    );
  },
  { stateless: false, overHttp: false },
);
