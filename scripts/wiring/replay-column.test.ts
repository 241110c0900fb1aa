import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dashboardOperations, refusedOnSqlite, replayGaps } from './replay-column';

const tsv = join(import.meta.dirname, '../../contract-tests/fixtures/aerodb-calls.tsv');
const pass = (operationId: string) => ({ method: 'GET', path: '/x', operationId, verdict: 'pass' as const });

describe('the dashboard replay column', () => {
  const called = dashboardOperations(tsv);

  it('knows the operations the dashboard calls, and only those', () => {
    expect(called.has('signIn')).toBe(true);
    expect(called.has('downloadFileV1')).toBe(true);
    expect(called.has('getHealth')).toBe(false);
  });

  it('passes an operation replayed green on both engines, and one the dashboard never calls', () => {
    expect(replayGaps('signIn', called, { sqlite: [pass('signIn')], postgres: [pass('signIn')] })).toEqual([]);
    expect(replayGaps('getHealth', called, { sqlite: undefined, postgres: undefined })).toEqual([]);
  });

  it('goes red when a call fails, its module is not built, or the replay did not run', () => {
    const failed = { ...pass('signIn'), verdict: 'fail' as const, problem: 'body.expires_in: missing' };
    expect(replayGaps('signIn', called, { sqlite: [failed], postgres: [pass('signIn')] })).toEqual([
      'sqlite: GET /x: body.expires_in: missing',
    ]);
    const unbuilt = { ...pass('listBackups'), verdict: 'module not built' as const };
    expect(replayGaps('listBackups', called, { sqlite: [unbuilt], postgres: [unbuilt] })).toEqual(['module not built']);
    expect(replayGaps('signIn', called, { sqlite: undefined, postgres: [pass('signIn')] })).toEqual([
      'not replayed on sqlite',
    ]);
  });

  it('accepts a documented UNSUPPORTED_DEPLOYMENT on SQLite only', () => {
    const refused = { ...pass('addReplica'), verdict: 'unsupported deployment' as const, problem: 'status 409' };
    expect(replayGaps('addReplica', called, { sqlite: [refused], postgres: [pass('addReplica')] })).toEqual([]);
    expect(replayGaps('addReplica', called, { sqlite: [refused], postgres: [refused] })).toEqual([
      'postgres: GET /x: status 409',
    ]);
  });

  it('names the operations SQLite refuses by design: every call of them refused there, on SQLite only', () => {
    const refused = (id: string) => ({ ...pass(id), verdict: 'unsupported deployment' as const });
    const replay = {
      sqlite: [refused('addReplica'), refused('promoteReplica'), pass('promoteReplica')],
      postgres: [refused('getNodes')],
    };
    expect([...refusedOnSqlite(replay)]).toEqual(['addReplica']);
    expect(refusedOnSqlite({ sqlite: undefined, postgres: [refused('addReplica')] }).size).toBe(0);
  });
});
