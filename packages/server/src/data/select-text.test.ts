import { describe, expect, it } from 'vitest';
import type { CatalogueColumn } from '../db/catalogue';
import { SelectTexts } from './select-text';
import type { TableMeta } from './table-cache';

function column(name: string, nullable: boolean): CatalogueColumn {
  return { name, nullable, portable: 'text' } as CatalogueColumn;
}

function meta(columns: CatalogueColumn[], primaryKey = ['id']): TableMeta {
  return {
    name: 'notes',
    columns,
    byName: new Map(columns.map((c) => [c.name, c])),
    names: new Set(columns.map((c) => c.name)),
    types: new Map(columns.map((c) => [c.name, c.portable])),
    primaryKey,
  };
}

const notes = meta([column('id', false), column('title', true), column('we"ird', true)]);

describe('SelectTexts', () => {
  it('writes every column, quoted, when none is asked, and the key order when no order is', () => {
    const texts = new SelectTexts();
    expect(texts.list(notes, undefined)).toEqual({
      columns: ['id', 'title', 'we"ird'],
      text: '"id", "title", "we""ird"',
    });
    expect(texts.order(notes, undefined)).toBe('"id" ASC');
    expect(texts.order(notes, [])).toBe('"id" ASC');
  });

  it('orders nullable columns as PostgreSQL does, and breaks ties with the primary key', () => {
    const texts = new SelectTexts();
    expect(texts.order(notes, [{ column: 'title', direction: 'desc' }])).toBe('"title" DESC NULLS FIRST, "id" ASC');
    expect(texts.order(notes, [{ column: 'title', direction: 'asc' }])).toBe('"title" ASC NULLS LAST, "id" ASC');
    expect(texts.order(notes, [{ column: 'id', direction: 'desc' }])).toBe('"id" DESC');
    expect(texts.order(meta([column('a', true)], []), undefined)).toBe('');
  });

  it('keeps what it wrote per table description', () => {
    const texts = new SelectTexts();
    const first = texts.list(notes, ['title']);
    expect(texts.list(notes, ['title'])).toBe(first);
    expect(texts.list(notes, ['id'])).not.toBe(first);
    // A schema change makes a new description: its text is written from its own columns.
    const changed = meta([column('id', false), column('title', false)]);
    expect(texts.order(changed, [{ column: 'title', direction: 'asc' }])).toBe('"title" ASC, "id" ASC');
    expect(texts.order(notes, [{ column: 'title', direction: 'asc' }])).toBe('"title" ASC NULLS LAST, "id" ASC');
  });

  it('refuses a column the table lacks, a bad direction or no column, every time (nothing is kept)', () => {
    const texts = new SelectTexts();
    for (let i = 0; i < 2; i++) {
      expect(() => texts.list(notes, ['nope'])).toThrow(/no column "nope"/);
      expect(() => texts.list(notes, [])).toThrow(/at least one column/);
      expect(() => texts.order(notes, [{ column: 'nope', direction: 'asc' }])).toThrow(/no column "nope"/);
      expect(() => texts.order(notes, [{ column: 'id', direction: 'up' as 'asc' }])).toThrow(/asc or desc/);
    }
  });
});
