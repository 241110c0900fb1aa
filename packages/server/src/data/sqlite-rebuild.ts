/**
 * SQLite cannot add a foreign key to an existing table, so the table is rebuilt with the
 * key, following SQLite's documented procedure (lang_altertable.html §7): foreign keys off,
 * in one transaction create the new table, copy the rows, drop the old one, rename, and
 * recreate its indexes and triggers; check the keys, and commit only if no row breaks one.
 */
import { type Kysely, sql } from 'kysely';
import { dataErrors } from './data-error';

const HEADER = /^\s*create\s+table\s+(?:"(?:[^"]|"")+"|\[[^\]]+\]|`[^`]+`|[A-Za-z_][A-Za-z0-9_]*)/i;

/** The table's SQL with `clause` added as its last table constraint and its name replaced by `newName`. */
export function withConstraint(createSql: string, newName: string, clause: string): string {
  if (!HEADER.test(createSql)) throw new Error('unexpected CREATE TABLE statement');
  const close = createSql.lastIndexOf(')');
  const renamed = `${createSql.slice(0, close).replace(HEADER, `CREATE TABLE "${newName}"`)}, ${clause}`;
  return `${renamed}${createSql.slice(close)}`;
}

/** Rebuilds `table` with the extra table constraint `clause`; 409 when existing rows break it. */
export async function rebuildWithConstraint(db: Kysely<any>, table: string, clause: string): Promise<void> {
  await db.connection().execute(async (conn) => {
    await sql`PRAGMA foreign_keys = OFF`.execute(conn);
    try {
      await conn.transaction().execute(async (trx) => {
        const { rows } = await sql<{ type: string; sql: string | null; name: string }>`
          select type, sql, name from sqlite_master where tbl_name = ${table} collate nocase`.execute(trx);
        const create = rows.find((r) => r.type === 'table')?.sql;
        if (!create) throw dataErrors.notFound(`Table ${table}`);
        const temp = `_ls_rebuild_${table}`.slice(0, 63);
        await sql.raw(withConstraint(create, temp, clause)).execute(trx);
        await sql`insert into ${sql.id(temp)} select * from ${sql.id(table)}`.execute(trx);
        await sql`drop table ${sql.id(table)}`.execute(trx);
        await sql`alter table ${sql.id(temp)} rename to ${sql.id(table)}`.execute(trx);
        for (const r of rows) if (r.type !== 'table' && r.sql) await sql.raw(r.sql).execute(trx);
        const { rows: broken } = await sql`select * from pragma_foreign_key_check(${table})`.execute(trx);
        if (broken.length > 0)
          throw dataErrors.conflict(`${broken.length} existing rows of ${table} break the foreign key.`);
      });
    } finally {
      await sql`PRAGMA foreign_keys = ON`.execute(conn);
    }
  });
}
