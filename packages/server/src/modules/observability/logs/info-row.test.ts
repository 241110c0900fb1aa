import { describe, expect, it } from 'vitest';
import { entryOfRecord } from './entry';
import { type InfoLine, infoLineRow } from './info-row';
import { rowOf } from './store';

const lines: InfoLine[] = [
  { time: 1, fields: { requestId: 'r-1', method: 'GET', path: '/rest/v1/notes', status: 200, ms: 3 }, msg: 'request' },
  {
    time: 2,
    fields: { requestId: 'r-2', method: 'GET', path: `/x?q=${'é"\\'.repeat(3000)}`, status: 404, ms: 0 },
    msg: 'request',
  },
  { time: 3, fields: { module: 'auth', email: 'a@b.c', gone: undefined }, msg: 'sign-in failed' },
  { time: 4, fields: { err: { message: 'boom' } }, msg: '' },
  { time: 5, fields: {}, msg: 'webhooks: the delivery worker failed' },
  { time: 6, fields: { path: 3 }, msg: 'request' },
  { time: 7, fields: { note: 'x' }, msg: 'm'.repeat(12_000) },
  { time: 8, fields: { module: 'm'.repeat(150) }, msg: 'long module' },
];

describe('infoLineRow', () => {
  it('makes the row the entry of the same line makes', () => {
    for (const line of lines) {
      const entry = entryOfRecord({ level: 30, time: line.time, ...line.fields, msg: line.msg }, 1);
      expect(infoLineRow(line)).toEqual(rowOf(entry));
    }
    expect(infoLineRow(lines[1])[6]).toBe('{"truncated":true}');
    expect(infoLineRow(lines[0]).slice(3, 5)).toEqual(['http', 'GET /rest/v1/notes 200 3ms']);
  });

  it('runs from its source text alone, as the writer thread runs it', () => {
    const fromSource = new Function(`return (${infoLineRow.toString()})`)() as typeof infoLineRow;
    for (const line of lines) expect(fromSource(line)).toEqual(infoLineRow(line));
  });
});
