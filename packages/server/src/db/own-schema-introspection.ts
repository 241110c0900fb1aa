/**
 * Kysely's catalogue reads on PostgreSQL, kept to the server's own schema. Kysely's Migrator
 * asks the introspector whether the migration tables exist, and Kysely's PostgreSQL
 * introspector answers with every column of every table of every schema, calling two
 * functions per column: ~57 ms a question, twice per start, and a failure whenever another
 * schema of the database was dropped while it read (another server's, or another test's).
 * Here the tables of `current_schema()` (the server's `search_path`) answer, by name.
 * Columns are not read: nothing of the server asks Kysely for them (`db/catalogue.ts` reads
 * a table's columns itself), so they are left out rather than half made.
 */
import {
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type Dialect,
  type Kysely,
  type SchemaMetadata,
  sql,
  type TableMetadata,
} from 'kysely';

class OwnSchemaIntrospector implements DatabaseIntrospector {
  constructor(private readonly db: Kysely<any>) {}

  /** The server's own schema, when it exists. */
  async getSchemas(): Promise<SchemaMetadata[]> {
    const { rows } = await sql<SchemaMetadata>`
      select nspname as name from pg_catalog.pg_namespace where nspname = current_schema()`.execute(this.db);
    return rows;
  }

  /** The tables and views of the server's own schema, without their columns. */
  async getTables(): Promise<TableMetadata[]> {
    const { rows } = await sql<{ name: string; schema: string; kind: string }>`
      select c.relname as name, n.nspname as schema, c.relkind as kind
      from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relkind in ('r', 'v', 'p')
      order by c.relname`.execute(this.db);
    return rows.map((r) => ({ name: r.name, schema: r.schema, isView: r.kind === 'v', columns: [] }));
  }

  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() };
  }
}

/** `dialect`, its `db.introspection` reading the server's own schema only. */
export function ownSchemaIntrospection(dialect: Dialect): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => dialect.createDriver(),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => new OwnSchemaIntrospector(db),
  };
}
