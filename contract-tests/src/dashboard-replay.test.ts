/**
 * The AeroDB dashboard, unchanged, end to end: every one of its 170 calls
 * (fixtures/aerodb-calls.tsv) sent as the dashboard sends it, over a real socket, in its
 * order of use, on SQLite and on PostgreSQL. Results go to reports/dashboard-replay/ (and
 * the wiring report's "dashboard replay" column); every call of a built module must pass.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listen } from '@lockstep/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DashboardClient } from './dashboard-replay/dashboard-client';
import { type ReplayResult, replayOrder, runReplay } from './dashboard-replay/replay';
import { replayTotals, writeReplayReport } from './dashboard-replay/report';
import { selectedTargets, startTarget, type Target } from './harness/targets';

const calls = readFileSync(join(import.meta.dirname, '../fixtures/aerodb-calls.tsv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t').slice(0, 2).join(' '));

/**
 * Calls the replay does not pass yet, each for a known reason (issue 10's and 14's notes):
 * on PostgreSQL the replay has no streaming standby at the port the dashboard's form sends,
 * so the replica calls fail there (on SQLite their documented 409 is the answer).
 * `contract-tests/src/cluster-replica.test.ts` runs them against a real standby.
 * Every other call must pass; remove a gap from here once its cause is fixed.
 */
const KNOWN_GAPS = new Set([
  'addReplica',
  'pauseReplication',
  'resumeReplication',
  'promoteReplica',
  'promoteNodeControl',
  'removeReplica',
]);

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
  let results: ReplayResult[] = [];

  beforeAll(async () => {
    target = await startTarget(engine);
    server = await listen(target.app!, 0, '127.0.0.1', false);
  });
  afterAll(async () => {
    await server?.stop();
    await target?.stop();
  });

  it('sends all 170 calls; every call of a built module passes', async () => {
    results = await runReplay({
      client: new DashboardClient(server.url),
      state: {},
      baseUrl: server.url,
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
    const failing = results.filter(
      (r) => r.verdict === 'fail' || (r.verdict === 'unsupported deployment' && engine !== 'sqlite'),
    );
    const failures = failing
      .filter((r) => !KNOWN_GAPS.has(r.operationId ?? ''))
      .map((r) => `${r.method} ${r.path}: ${r.problem}`);
    expect(failures).toEqual([]);
    // A gap that passes is reported, so that it is removed from the list.
    const passing = [...KNOWN_GAPS].filter((id) => results.some((r) => r.operationId === id && r.verdict === 'pass'));
    if (passing.length > 0)
      console.log(`dashboard replay [${engine}]: known gaps passing this run: ${passing.join(', ')}`);
  }, 180_000); // 170 calls, waiting on backup, restore and snapshot jobs as the dashboard does
});
