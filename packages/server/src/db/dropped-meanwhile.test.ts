import { describe, expect, it } from 'vitest';
import { droppedMeanwhile } from './database';

describe('droppedMeanwhile', () => {
  const missing = (schema: string) => Object.assign(new Error(`schema "${schema}" does not exist`), { code: '3F000' });

  it('retries when another schema vanished while the migrator read the catalogue', () => {
    expect(droppedMeanwhile(missing('contract_1_abc'), 'mine')).toBe(true);
  });

  it("retries when a table of another schema vanished mid-read (42P01 naming that schema's table)", () => {
    const gone = Object.assign(new Error('relation "data_test_21a5.defaults" does not exist'), { code: '42P01' });
    expect(droppedMeanwhile(gone, 'mine')).toBe(true);
  });

  it('never hides a missing own schema, another error, or SQLite', () => {
    expect(droppedMeanwhile(missing('mine'), 'mine')).toBe(false);
    expect(droppedMeanwhile(Object.assign(new Error('boom'), { code: '42P01' }), 'mine')).toBe(false);
    const ownTable = Object.assign(new Error('relation "mine.ls_users" does not exist'), { code: '42P01' });
    expect(droppedMeanwhile(ownTable, 'mine')).toBe(false);
    const unqualified = Object.assign(new Error('relation "ls_users" does not exist'), { code: '42P01' });
    expect(droppedMeanwhile(unqualified, 'mine')).toBe(false);
    expect(droppedMeanwhile(missing('other'), undefined)).toBe(false);
  });
});
