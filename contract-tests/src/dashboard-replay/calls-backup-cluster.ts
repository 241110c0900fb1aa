/**
 * The Backup and Restore pages and `backupService`, `snapshotService`, and the Cluster page
 * with `clusterService` (reference §3.5, §3.6, §3.11), as the dashboard sends them.
 */
import type { Reply } from './dashboard-client';
import { call, type ReplayCall, type ReplayContext, type StandbyAddress } from './replay-call';
import type { Shape } from './shape';

const job: Shape = { id: 'string', status: 'string', progress: 'number', started_at: 'string' };
const snapshot: Shape = { id: 'string', name: 'string', created_at: 'string', size_bytes: 'number', status: 'string' };
const node: Shape = { id: 'string', role: 'string', status: 'string' };
const blob = (reply: Reply) => (reply.body instanceof Uint8Array ? undefined : 'body: not bytes');
const b = (c: ReplayContext) => `/backup/${c.state.backupId}`;
const s = (c: ReplayContext) => `/snapshots/${c.state.snapshotId}`;

const RUNNING = new Set(['pending', 'running', 'queued', 'validating', 'restoring', 'creating']);

/**
 * Asks again until the job or snapshot leaves its running states, as the dashboard's pages
 * poll (every second there; every 100 ms here, for at most 30 s).
 */
async function untilSettled(send: () => Promise<Reply>): Promise<Reply> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const reply = await send();
    if (reply.status !== 200 || !RUNNING.has(reply.body?.status) || Date.now() > deadline) return reply;
    await new Promise((r) => setTimeout(r, 100));
  }
}

function fileForm(field: string, name: string, bytes: Uint8Array): FormData {
  const data = new FormData();
  data.append(field, new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
  return data;
}

/** The BackupPage and RestorePage, then the rest of `backupService`. */
export const backupCalls: ReplayCall[] = [
  call(
    'POST',
    '/backup/create',
    async (c) => {
      const reply = await c.client.send('POST', '/backup/create', { body: { compression: 'zstd' } });
      c.state.backupJobId = reply.body?.id;
      return reply;
    },
    job,
  ),
  call(
    'GET',
    '/backup/jobs/{jobId}',
    async (c) => {
      const reply = await untilSettled(() => c.client.send('GET', `/backup/jobs/${c.state.backupJobId}`));
      c.state.backupId = reply.body?.manifest?.snapshot_id ?? reply.body?.backup_id ?? reply.body?.id;
      return reply;
    },
    job,
  ),
  call(
    'GET',
    '/backup/list',
    async (c) => {
      const reply = await c.client.send('GET', '/backup/list');
      c.state.backupId = reply.body?.[0]?.id ?? c.state.backupId;
      return reply;
    },
    [{ id: 'string', manifest: 'object', created_at: 'string', size_bytes: 'number' }],
  ),
  call('GET', '/backup/{backupId}', (c) => c.client.send('GET', b(c)), {
    id: 'string',
    manifest: 'object',
    created_at: 'string',
    size_bytes: 'number',
    files: ['string'],
  }),
  call(
    'GET',
    '/backup/{backupId}/download',
    async (c) => {
      const reply = await c.client.send('GET', `${b(c)}/download`, { blob: true });
      c.state.backupArchive = reply.body;
      return reply;
    },
    undefined,
    blob,
  ),
  call('POST', '/backup/{backupId}/validate', (c) => c.client.send('POST', `${b(c)}/validate`), {
    valid: 'boolean',
    errors: ['string'],
    warnings: ['string'],
  }),
  call(
    'POST',
    '/backup/{backupId}/restore',
    async (c) => {
      const reply = await c.client.send('POST', `${b(c)}/restore`, { body: {} });
      c.state.restoreJobId = reply.body?.id;
      return reply;
    },
    { id: 'string', backup_id: 'string', status: 'string', progress: 'number', started_at: 'string' },
  ),
  call(
    'GET',
    '/restore/jobs/{jobId}',
    (c) => untilSettled(() => c.client.send('GET', `/restore/jobs/${c.state.restoreJobId}`)),
    {
      id: 'string',
      status: 'string',
      progress: 'number',
    },
  ),
  call(
    'POST',
    '/backup/upload',
    (c) =>
      c.client.send('POST', '/backup/upload', {
        form: fileForm('backup', 'backup.tar.gz', c.state.backupArchive ?? new Uint8Array()),
      }),
    { backup_id: 'string' },
  ),
  call('GET', '/backup/stats', (c) => c.client.send('GET', '/backup/stats'), {
    total_backups: 'number',
    total_size_bytes: 'number',
  }),
  call('GET', '/backup/schedule', (c) => c.client.send('GET', '/backup/schedule'), {
    enabled: 'boolean',
    cron_expression: 'string',
    retention_days: 'number',
    compression: 'string',
    incremental: 'boolean',
  }),
  call('PATCH', '/backup/schedule', (c) =>
    c.client.send('PATCH', '/backup/schedule', {
      body: { enabled: true, cron_expression: '0 3 * * *', retention_days: 7 },
    }),
  ),
  call('POST', '/backup/schedule/run-now', (c) => c.client.send('POST', '/backup/schedule/run-now'), job),
  call('GET', '/backup/history', (c) => c.client.send('GET', '/backup/history', { query: { limit: 20 } }), [
    { id: 'string', type: 'string', status: 'string', started_at: 'string' },
  ]),
  call('POST', '/backup/retention/apply', (c) => c.client.send('POST', '/backup/retention/apply'), {
    deleted_count: 'number',
    freed_bytes: 'number',
  }),
  call('DELETE', '/backup/{backupId}', (c) => c.client.send('DELETE', b(c))),
];

/** `snapshotService`, including point-in-time recovery. */
export const snapshotCalls: ReplayCall[] = [
  call(
    'POST',
    '/snapshots',
    async (c) => {
      const reply = await c.client.send('POST', '/snapshots', { body: { name: `snap-${Date.now().toString(36)}` } });
      c.state.snapshotId = reply.body?.id;
      return reply;
    },
    snapshot,
  ),
  call('GET', '/snapshots', (c) => c.client.send('GET', '/snapshots'), [snapshot]),
  call('GET', '/snapshots/{snapshotId}', (c) => untilSettled(() => c.client.send('GET', s(c))), snapshot),
  call(
    'POST',
    '/snapshots/{snapshotId}/clone',
    (c) => c.client.send('POST', `${s(c)}/clone`, { body: { name: `clone-${Date.now().toString(36)}` } }),
    snapshot,
  ),
  call(
    'GET',
    '/snapshots/{snapshotId}/export',
    async (c) => {
      const reply = await c.client.send('GET', `${s(c)}/export`, { blob: true });
      c.state.snapshotArchive = reply.body;
      return reply;
    },
    undefined,
    blob,
  ),
  call(
    'POST',
    '/snapshots/{snapshotId}/restore',
    async (c) => {
      const reply = await c.client.send('POST', `${s(c)}/restore`, { body: { validate_only: true } });
      c.state.snapshotJobId = reply.body?.job_id;
      return reply;
    },
    { job_id: 'string', status: 'string' },
  ),
  call(
    'GET',
    '/snapshots/restore-jobs/{jobId}',
    (c) => untilSettled(() => c.client.send('GET', `/snapshots/restore-jobs/${c.state.snapshotJobId}`)),
    {
      status: 'string',
      progress_percent: 'number',
    },
  ),
  call(
    'POST',
    '/snapshots/import',
    (c) =>
      c.client.send('POST', '/snapshots/import', {
        form: fileForm('snapshot', 'snapshot.tar', c.state.snapshotArchive ?? new Uint8Array()),
      }),
    snapshot,
  ),
  call('GET', '/snapshots/pitr/range', (c) => c.client.send('GET', '/snapshots/pitr/range'), {
    oldest_available: 'string',
    latest_available: 'string',
    wal_retention_hours: 'number',
  }),
  call(
    'POST',
    '/snapshots/pitr/restore',
    async (c) => {
      const reply = await c.client.send('POST', '/snapshots/pitr/restore', {
        body: { target_time: new Date().toISOString(), validate_only: true },
      });
      c.state.pitrJobId = reply.body?.job_id;
      return reply;
    },
    { job_id: 'string', target_time: 'string', status: 'string' },
  ),
  call(
    'GET',
    '/snapshots/pitr/jobs/{jobId}',
    (c) => untilSettled(() => c.client.send('GET', `/snapshots/pitr/jobs/${c.state.pitrJobId}`)),
    {
      status: 'string',
      target_time: 'string',
      progress_percent: 'number',
    },
  ),
  call('DELETE', '/snapshots/{snapshotId}', (c) => c.client.send('DELETE', s(c))),
];

/** The Add Replica form's address when the user runs no standby (SQLite: one node). */
const FORM_DEFAULT: StandbyAddress = { host: '127.0.0.1', port: 5433 };

/** The `index`th replica the user added, or (none added: SQLite) the node the page showed first. */
const replica = (c: ReplayContext, index: number): string => c.state.replicaIds?.[index] ?? c.state.nodeId;

/**
 * The ClusterPage (`/control/...`), then `clusterService`. The user starts their standbys and
 * a second server instance first, adds both standbys through the Add Replica form, pauses
 * and resumes the first, removes the second, hands the authority to the other instance
 * on the ClusterPage, and last fails over to the first standby (the FailoverWizard): the
 * server's writes move to it, so the calls after this group run on the promoted standby.
 */
export const clusterCalls: ReplayCall[] = [
  call(
    'GET',
    '/control/topology',
    async (c) => {
      c.state.standbys = [FORM_DEFAULT];
      const cluster = await c.startCluster?.();
      if (cluster?.standbys.length) c.state.standbys = cluster.standbys;
      const reply = await c.client.send('GET', '/control/topology');
      const nodes: { id: string; role: string }[] = reply.body?.nodes ?? [];
      c.state.nodeId = nodes[0]?.id;
      // No replica is added yet: any other node is another server instance.
      c.state.instanceId = nodes.find((n) => n.role !== 'authority')?.id;
      return reply;
    },
    { nodes: [node] },
  ),
  call('GET', '/cluster/nodes', (c) => c.client.send('GET', '/cluster/nodes'), [node]),
  call('GET', '/cluster/nodes/{nodeId}', (c) => c.client.send('GET', `/cluster/nodes/${c.state.nodeId}`), node),
  call('GET', '/cluster/topology', (c) => c.client.send('GET', '/cluster/topology'), {
    'authority?': node,
    replicas: [node],
  }),
  call('GET', '/cluster/replication/status', (c) => c.client.send('GET', '/cluster/replication/status'), [
    { node_id: 'string', role: 'string', status: 'string' },
  ]),
  call(
    'GET',
    '/cluster/nodes/{nodeId}/replication',
    (c) => c.client.send('GET', `/cluster/nodes/${c.state.nodeId}/replication`),
    {
      node_id: 'string',
      role: 'string',
      status: 'string',
    },
  ),
  call('GET', '/cluster/promotion/state', (c) => c.client.send('GET', '/cluster/promotion/state'), 'any'),
  call('GET', '/cluster/authority/marker', (c) => c.client.send('GET', '/cluster/authority/marker'), {
    has_marker: 'boolean',
  }),
  call('GET', '/cluster/health', (c) => c.client.send('GET', '/cluster/health'), {
    status: 'string',
    issues: ['string'],
  }),
  call('GET', '/cluster/stats', (c) => c.client.send('GET', '/cluster/stats'), {
    total_nodes: 'number',
    online_nodes: 'number',
  }),
  call(
    'POST',
    '/cluster/replicas',
    async (c) => {
      // The AddReplicaWizard, once for each standby: the first failing answer is judged, else the first.
      const replies: Reply[] = [];
      for (const { host, port } of c.state.standbys as StandbyAddress[])
        replies.push(await c.client.send('POST', '/cluster/replicas', { body: { host, port } }));
      c.state.replicaIds = replies.map((r) => (r.status === 201 ? r.body?.id : undefined));
      return replies.find((r) => r.status !== 201) ?? replies[0];
    },
    node,
  ),
  call('POST', '/cluster/nodes/{nodeId}/replication/pause', (c) =>
    c.client.send('POST', `/cluster/nodes/${replica(c, 0)}/replication/pause`),
  ),
  call('POST', '/cluster/nodes/{nodeId}/replication/resume', (c) =>
    c.client.send('POST', `/cluster/nodes/${replica(c, 0)}/replication/resume`),
  ),
  call('DELETE', '/cluster/replicas/{nodeId}', (c) => c.client.send('DELETE', `/cluster/replicas/${replica(c, 1)}`)),
  call('POST', '/control/promote', (c) =>
    c.client.send('POST', '/control/promote', { body: { node_id: c.state.instanceId ?? c.state.nodeId } }),
  ),
  call('POST', '/cluster/promote', (c) =>
    c.client.send('POST', '/cluster/promote', { body: { node_id: replica(c, 0) } }),
  ),
];
