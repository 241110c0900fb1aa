/**
 * The AeroDB dashboard, unchanged, end to end: every one of its 170 calls
 * (fixtures/aerodb-calls.tsv) sent as the dashboard sends it, over a real socket, in its
 * order of use, on SQLite and on PostgreSQL. Results go to reports/dashboard-replay/ (and
 * the wiring report's "dashboard replay" column); every call must pass. On PostgreSQL the
 * Cluster page manages real streaming standbys and a second instance (`replay-cluster.ts`);
 * on SQLite the replica calls answer their documented 409.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listen } from '@lockstep/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DashboardClient } from './dashboard-replay/dashboard-client';
import { type ReplayResult, replayOrder, runReplay } from './dashboard-replay/replay';
import { inOrder, ReplayClusterFixture } from './dashboard-replay/replay-cluster';
import { replayTotals, writeReplayReport } from './dashboard-replay/report';
import { selectedTargets, startTarget, type Target } from './harness/targets';

const calls = readFileSync(join(import.meta.dirname, '../fixtures/aerodb-calls.tsv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t').slice(0, 2).join(' '));

/** The calls that need a replica: on SQLite (one node) each answers 409 UNSUPPORTED_DEPLOYMENT. */
const REPLICA_CALLS = [
  'addReplica',
  'pauseReplication',
  'resumeReplication',
  'removeReplica',
  'promoteNodeControl',
  'promoteReplica',
];

describe('the dashboard replay covers the reference list', () => {
  it('has one call for each of the 170 rows of aerodb-calls.tsv, and no other', () => {
    const replayed = replayOrder.map((c) => `${c.method} ${c.path}`);
    expect(replayed.toSorted()).toEqual(calls.toSorted());
  });
});

const engines = selectedTargets().filter((t) => t === 'sqlite' || t === 'postgres');

describe.each(engines)('the AeroDB dashboard, replayed [%s]', (engine) => {
  let target: Target;
  let server: { url: string; stop: () => Promise<void> };
  let cluster: ReplayClusterFixture | undefined;
  let results: ReplayResult[] = [];

  beforeAll(async () => {
    target = await startTarget(engine);
    server = await listen(target.app!, 0, '127.0.0.1', false);
    if (engine === 'postgres') cluster = new ReplayClusterFixture(target.app!.services.config.pgSchema!);
  });
  afterAll(async () => {
    const stopServer = () => inOrder([async () => server?.stop(), async () => target?.stop()]);
    await (cluster ? cluster.stop(stopServer) : stopServer());
  });

  it('sends all 170 calls; every call of a built module passes', async () => {
    results = await runReplay({
      client: new DashboardClient(server.url),
      state: {},
      baseUrl: server.url,
      ...(cluster ? { startCluster: () => cluster!.start() } : {}),
      mailedToken: async (email, purpose) => {
        const mails = await target.app!.services.outbox.recent(email);
        const mail = mails.find((m) => m.purpose === purpose);
        return /token=([A-Za-z0-9_-]+)/.exec(mail?.body ?? '')?.[1] ?? 'no-token-mailed';
      },
    });
    writeReplayReport(engine, results);
    const totals = replayTotals(results);
    console.log(`dashboard replay [${engine}]: ${JSON.stringify(totals)}`);
    expect(results).toHaveLength(170);
    // SQLite is one node by design: replication's documented 409 is its answer there, nowhere else.
    const failures = results
      .filter((r) => r.verdict === 'fail' || (r.verdict === 'unsupported deployment' && engine !== 'sqlite'))
      .map((r) => `${r.method} ${r.path}: ${r.problem}`);
    expect(failures).toEqual([]);
    const unsupported = results.filter((r) => r.verdict === 'unsupported deployment').map((r) => r.operationId);
    expect(unsupported.toSorted()).toEqual(engine === 'sqlite' ? [...REPLICA_CALLS].toSorted() : []);
  }, 180_000); // 170 calls, waiting on backup, restore and snapshot jobs as the dashboard does
});
