import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Caller } from '../../data/caller';
import { RlsStore } from '../../data/policy/store';
import { rowAccess } from '../../data/row-security';
import { openTestDatabase, type TestDatabase } from '../../data/test-engines';
import { loadPolicies, loadReadCheck, mayReadSome } from './policy';

const alice: Caller = { kind: 'user', userId: 'alice', email: 'a@x.io', role: 'user' };
const bob: Caller = { kind: 'user', userId: 'bob', email: 'b@x.io', role: 'user' };
const admin: Caller = { kind: 'user', userId: 'root', email: 'r@x.io', role: 'admin' };
const callers = [anonymous, alice, bob, admin];
const rows = [
  { id: 1, owner_id: 'alice', public: false },
  { id: 2, owner_id: 'bob', public: true },
  { id: 3, owner_id: null, public: false },
];
const columns = new Set(['id', 'owner_id', 'public']);

/** Policy sets, each checked against the data core's own decision (`rowAccess`). */
const cases: [string, [string, string, boolean][]][] = [
  ['no policy: open', []],
  ['owner or public', [['select', 'owner_id = auth.uid() or public = true', true]]],
  ['all-operation policy', [['all', 'owner_id = auth.uid()', true]]],
  ['only a disabled policy: open', [['select', 'owner_id = auth.uid()', false]]],
  ['insert only: nothing readable', [['insert', 'true', true]]],
  ['a policy on a missing column matches nothing', [['select', 'ghost = 1', true]]],
  [
    'two policies OR',
    [
      ['select', "auth.role() = 'anon'", true],
      ['select', 'owner_id = auth.uid()', true],
    ],
  ],
];

describe('realtime read checks agree with the HTTP paths', () => {
  let database: TestDatabase;
  let rls: RlsStore;

  beforeAll(async () => {
    database = await openTestDatabase('sqlite');
    rls = new RlsStore(database.db);
  });

  afterAll(async () => {
    await database?.close();
  });

  it.each(cases)('%s', async (_name, policies) => {
    const table = `t_${Math.random().toString(36).slice(2, 8)}`;
    for (const [i, [operation, expression, enabled]] of policies.entries()) {
      const p = await rls.create(table, `p${i}`, operation as never, expression);
      if (!enabled) await rls.update(table, p.id, { enabled: false });
    }
    const mayRead = await loadReadCheck(rls, database, table, columns);
    for (const caller of callers) {
      const access = await rowAccess(rls, database, caller, table, 'select', columns);
      for (const row of rows) {
        const want = access.kind === 'bypass' || (access.covered && access.allows(row));
        expect(mayRead(caller, row), `${caller.role} ${JSON.stringify(row)}`).toBe(want);
      }
      const some = access.kind === 'bypass' || access.covered;
      expect(mayReadSome(await loadPolicies(rls, database, table), caller, columns)).toBe(some);
    }
  });
});
