import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { describe, expect, it } from 'vitest';
import { quoteIdentifier, SqlText } from './sql-text';

function lookup(): SqlText {
  const where = new SqlText().write('(').identifier('id').write(' = ').value('n1').write(')');
  return new SqlText()
    .write('select * from ')
    .identifier('notes')
    .write(' where ')
    .append(where)
    .write(' limit ')
    .value(5);
}

describe('SqlText', () => {
  it('renders ? on SQLite and numbered placeholders on PostgreSQL, with the values in order', () => {
    const query = lookup();
    expect(query.render('sqlite')).toBe('select * from "notes" where ("id" = ?) limit ?');
    expect(query.render('postgres')).toBe('select * from "notes" where ("id" = $1) limit $2');
    expect(query.values).toEqual(['n1', 5]);
  });

  it('quotes identifiers as Kysely does, doubling an inner quote', () => {
    expect(quoteIdentifier('a"b')).toBe('"a""b"');
    expect(new SqlText().identifier('x"; drop table t; --').render('sqlite')).toBe('"x""; drop table t; --"');
  });

  it('keeps a value out of the text, whatever it holds', () => {
    const text = new SqlText().write('select ').value("'); drop table t; --").write(' as v');
    expect(text.render('postgres')).toBe('select $1 as v');
    expect(text.values).toEqual(["'); drop table t; --"]);
  });

  it('appends a piece that starts or ends with a value', () => {
    const inner = new SqlText().value(1).write(' + ').value(2);
    const outer = new SqlText().value(0).write(', ').append(inner).append(new SqlText().value(3));
    expect(outer.render('postgres')).toBe('$1, $2 + $3$4');
    expect(outer.values).toEqual([0, 1, 2, 3]);
    expect(new SqlText().empty).toBe(true);
    expect(new SqlText().value(null).empty).toBe(false);
  });

  it('compiles to the same SQL through Kysely', () => {
    const db = new Kysely<any>({
      dialect: {
        createAdapter: () => new PostgresAdapter(),
        createDriver: () => new DummyDriver(),
        createIntrospector: (k) => new PostgresIntrospector(k),
        createQueryCompiler: () => new PostgresQueryCompiler(),
      },
    });
    const query = lookup();
    const compiled = query.toKysely().compile(db);
    expect({ sql: compiled.sql, parameters: compiled.parameters }).toEqual({
      sql: query.render('postgres'),
      parameters: ['n1', 5],
    });
    expect(query.compile('sqlite')).toMatchObject({ sql: query.render('sqlite'), parameters: ['n1', 5] });
  });
});
