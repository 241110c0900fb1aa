import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { policiesOf } from '../row-security';
import { RowService } from '../row-service';
import { SchemaService } from '../schema-service';
import { openTestDatabase, type TestDatabase } from '../test-engines';
import { RlsStore } from './store';

/** A store whose policy reads are counted. */
function counted(database: TestDatabase, keepMs?: number) {
  const store = new RlsStore(database.db, { keepMs });
  const reads = { n: 0 };
  const listFor = store.listFor.bind(store);
  store.listFor = (table) => {
    reads.n++;
    return listFor(table);
  };
  return { store, reads };
}

describe('RlsStore keeps the policies it read', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await openTestDatabase('sqlite');
  });

  afterAll(async () => {
    await database?.close();
  });

  it('reads a table once while kept, and again after the moment passes', async () => {
    const { store, reads } = counted(database, 50);
    const read = () => store.keptFor('posts', () => store.listFor('posts'));
    await read();
    await read();
    expect(reads.n).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 60));
    await read();
    expect(reads.n).toBe(2);
  });

  it('applies a change made through it at once: create, update and delete', async () => {
    const store = new RlsStore(database.db, { keepMs: 60_000 });
    const names = async () => (await policiesOf(store, database, 'notes')).map((p) => `${p.name}:${p.enabled}`);
    expect(await names()).toEqual([]);
    const created = await store.create('notes', 'owner', 'select', 'owner_id = auth.uid()');
    expect(await names()).toEqual(['owner:1']);
    await store.update('notes', created.id, { enabled: false });
    expect(await names()).toEqual(['owner:0']);
    await store.delete('notes', created.id);
    expect(await names()).toEqual([]);
  });

  it('does not keep a read that started before a change', async () => {
    const { store } = counted(database, 60_000);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const stale = store.keptFor('drafts', async () => {
      const before = await store.listFor('drafts');
      await gate;
      return before;
    });
    await store.create('drafts', 'mine', 'select', 'true');
    release();
    expect(await stale).toEqual([]);
    expect((await store.keptFor('drafts', () => store.listFor('drafts'))).map((p) => p.name)).toEqual(['mine']);
  });

  it('drops a table with the policies stored now, not those kept for requests', async () => {
    const here = new RlsStore(database.db, { keepMs: 60_000 });
    const schema = new SchemaService(database, new RowService(database, here), here);
    const column = { name: 'id', type: 'text', primary_key: true, nullable: false, unique: false } as const;
    await schema.createTable({ name: 'drafts_gone', columns: [column] });
    expect(await policiesOf(here, database, 'drafts_gone')).toEqual([]);
    // Another instance adds a policy; this one still keeps the empty list.
    await new RlsStore(database.db).create('drafts_gone', 'late', 'select', 'true');
    await schema.dropTable('drafts_gone');
    expect(await here.listFor('drafts_gone')).toEqual([]);
  });

  it('forgets a failed read instead of keeping the failure', async () => {
    const store = new RlsStore(database.db, { keepMs: 60_000 });
    await expect(store.keptFor('x', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await store.keptFor('x', async () => [])).toEqual([]);
  });
});
