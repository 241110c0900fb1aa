/**
 * The cluster tag's operations, each a call of the cluster service: nodes, topology (also
 * at the dashboard's `/control` paths), replication, promotion, replicas, health, stats.
 * Admin only.
 */
import type { ModuleHandlers } from '../../http/handler-types';
import type { Services } from '../../services';

async function promote(services: Services, nodeId: string) {
  return { status: 202 as const, body: await services.cluster.promote(nodeId) };
}

async function health(services: Services) {
  const views = await services.cluster.nodes();
  const authority = views.find((v) => v.node.role === 'authority');
  const replicas = views.filter((v) => v.node.role !== 'authority');
  const online = replicas.filter((v) => v.node.status === 'online' && !v.standby?.paused);
  const maxLag = Math.max(0, ...replicas.map((v) => v.node.replication_lag ?? 0));
  const issues: string[] = [];
  const authorityOnline = authority?.node.status === 'online';
  if (!authorityOnline) issues.push('No authority is online.');
  for (const v of replicas) {
    if (v.node.status !== 'online') issues.push(`${v.node.name} is offline.`);
    else if (v.standby?.paused) issues.push(`${v.node.name} has replication paused.`);
    else if ((v.node.replication_lag ?? 0) > 10_000) issues.push(`${v.node.name} lags ${v.node.replication_lag} ms.`);
  }
  const status = !authorityOnline ? 'unhealthy' : issues.length ? 'degraded' : 'healthy';
  return {
    status: status as 'healthy' | 'degraded' | 'unhealthy',
    authority_online: authorityOnline,
    replicas_online: online.length,
    replicas_total: replicas.length,
    max_replication_lag_ms: maxLag,
    issues,
  };
}

/** The handlers of the `cluster` tag. */
export const clusterHandlers: ModuleHandlers<'cluster'> = {
  getNodes: async ({ query, services }) => {
    const all = (await services.cluster.nodes()).map((v) => v.node);
    const offset = query.offset ?? 0;
    const page = all.slice(offset, offset + (query.limit ?? 50));
    return { status: 200, body: page, headers: { 'X-Total-Count': String(all.length) } };
  },
  getNode: async ({ params, services }) => ({ status: 200, body: (await services.cluster.node(params.nodeId)).node }),
  getNodeReplicationStatus: async ({ params, services }) => ({
    status: 200,
    body: await services.cluster.replicationOf(await services.cluster.node(params.nodeId)),
  }),
  pauseReplication: async ({ params, services }) => {
    await services.cluster.setReplay(params.nodeId, true);
    return { status: 204 };
  },
  resumeReplication: async ({ params, services }) => {
    await services.cluster.setReplay(params.nodeId, false);
    return { status: 204 };
  },
  getTopology: async ({ services }) => {
    const views = await services.cluster.nodes();
    const authority = views.find((v) => v.node.role === 'authority')?.node ?? null;
    return {
      status: 200,
      body: { authority, replicas: views.filter((v) => v.node.role !== 'authority').map((v) => v.node) },
    };
  },
  getReplicationStatus: async ({ services }) => {
    const views = await services.cluster.nodes();
    return { status: 200, body: await Promise.all(views.map((v) => services.cluster.replicationOf(v))) };
  },
  promoteReplica: async ({ body, services }) => promote(services, body.node_id),
  getPromotionState: async ({ services }) => ({ status: 200, body: (await services.cluster.promotionState()) ?? null }),
  getAuthorityMarker: async ({ services }) => {
    const marker = await services.cluster.marker();
    return { status: 200, body: marker ? { has_marker: true, ...marker } : { has_marker: false } };
  },
  addReplica: async ({ body, services }) => ({ status: 201, body: (await services.cluster.addReplica(body)).node }),
  removeReplica: async ({ params, services }) => {
    await services.cluster.removeReplica(params.nodeId);
    return { status: 204 };
  },
  getClusterHealth: async ({ services }) => ({ status: 200, body: await health(services) }),
  getClusterStats: async ({ services }) => {
    const views = await services.cluster.nodes();
    const statuses = await Promise.all(views.map((v) => services.cluster.replicationOf(v)));
    const replicas = statuses.filter((s) => s.role !== 'authority');
    return {
      status: 200,
      body: {
        total_nodes: Math.max(1, views.length),
        online_nodes: views.filter((v) => v.node.status === 'online').length,
        replication_mode: (await services.cluster.hasReplicas()) ? 'async' : 'none',
        avg_replication_lag_ms: replicas.length
          ? replicas.reduce((sum, s) => sum + s.replication_lag_ms, 0) / replicas.length
          : 0,
        wal_positions: Object.fromEntries(statuses.map((s) => [s.node_id, s.wal_position])),
      },
    };
  },
  getControlTopology: async ({ services }) => ({
    status: 200,
    body: { nodes: (await services.cluster.nodes()).map((v) => v.node) },
  }),
  promoteNodeControl: async ({ body, services }) => promote(services, body.node_id),
};
