import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/database';
import { dropSchema, testPostgresUrl, testsUsePostgres } from '../../../db/test-postgres';
import type { LogEntry } from './entry';
import { LogsStore, withoutNul } from './store';

describe('withoutNul', () => {
  it.each([
    ['"a\\u0000b"', '"a\\ufffdb"'],
    ['"\\u0000\\u0000"', '"\\ufffd\\ufffd"'],
    ['"a\\\\u0000b"', '"a\\\\u0000b"'], // the text \u0000, not a NUL
    ['"a\\\\\\u0000b"', '"a\\\\\\ufffdb"'], // a backslash, then a NUL
    ['"plain"', '"plain"'],
  ])('%s -> %s', (given, want) => {
    expect(withoutNul(given)).toBe(want);
    expect(JSON.parse(withoutNul(given))).toBe(JSON.parse(given).replaceAll('\u0000', '\ufffd'));
  });
});

const engines = (await testsUsePostgres()) ? ['sqlite', 'postgres'] : ['sqlite'];

describe.each(engines)('LogsStore [%s]', (engine) => {
  it('keeps a batch whose lines hold NUL characters (U+FFFD in their place), losing none of it', async () => {
    const schema = `logs_nul_${randomBytes(5).toString('hex')}`;
    const database = await openDatabase(
      engine === 'postgres'
        ? { databaseUrl: testPostgresUrl, pgSchema: schema, dataDir: mkdtempSync(join(tmpdir(), 'logs-')) }
        : { dataDir: mkdtempSync(join(tmpdir(), 'logs-')) },
    );
    try {
      const store = new LogsStore(database.db, database.engine);
      const line = (seq: number, message: string): LogEntry => ({
        seq,
        ts: Date.now(),
        level: 'info',
        module: 'http',
        message,
        fields: { path: `/a\u0000b/${seq}` },
      });
      await store.insert([line(1, 'before'), line(2, 'GET /x\u0000y'), line(3, 'after')]);
      const { entries, total } = await store.page({ module: 'http' }, 10, 0);
      expect(total).toBe(3);
      expect(entries.map((e) => e.message).sort()).toEqual(['GET /x\ufffdy', 'after', 'before']);
      expect(entries.find((e) => e.message === 'before')?.fields).toEqual({ path: '/a\u0000b/1' });
    } finally {
      await database.close();
      if (engine === 'postgres') await dropSchema(schema);
    }
  });
});
