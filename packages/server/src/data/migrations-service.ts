/**
 * Versioned user migrations, kept in `ls_user_migrations`: generated from described changes
 * as SQL in the server's dialect, applied and rolled back each in one transaction, with the
 * status, time and the engine's last error recorded.
 */
import { randomUUID } from 'node:crypto';
import type { components } from '@lockstep/contract';
import { type Kysely, sql } from 'kysely';
import { nowIso } from '../clock';
import { describeTable, type TableDescription } from '../db/catalogue';
import type { Database } from '../db/database';
import { releaseCapture, syncCapture } from './change-capture';
import { type DataError, dataErrors } from './data-error';
import { addColumnSql, dropColumnSql, dropIndexSql, dropTableSql } from './ddl';
import { constraintName, listIndexes } from './keys-catalogue';
import type { SchemaService } from './schema-service';
import { splitStatements } from './sql-split';

/** A migration as the API shows it (`DatabaseMigration`). */
export type Migration = components['schemas']['DatabaseMigration'];
/** The body of `generateMigration`. */
export type GenerateRequest = components['schemas']['DatabaseGenerateMigrationRequest'];

interface MigrationRow {
  id: string;
  name: string;
  status: Migration['status'];
  sql_up: string;
  sql_down: string;
  error: string | null;
  applied_at: string | null;
  created_at: string;
}

function toPublic(row: MigrationRow): Migration {
  const out: Migration = {
    id: row.id,
    name: row.name,
    status: row.status,
    sql_up: row.sql_up,
    sql_down: row.sql_down,
    created_at: row.created_at,
  };
  if (row.applied_at) out.applied_at = row.applied_at;
  if (row.error) out.error = row.error;
  return out;
}

function invalid(message: string): DataError {
  return dataErrors.invalidQuery(message);
}

function script(statements: string[]): string {
  return statements.map((s) => `${s};`).join('\n');
}

/** User migrations: list, generate, apply, roll back. */
export class MigrationsService {
  constructor(
    private readonly database: Database,
    private readonly schema: SchemaService,
    /** Called after a migration ran, since it changed the schema. */
    private readonly onChange: () => void = () => {},
  ) {}

  private get db(): Kysely<any> {
    return this.database.db as unknown as Kysely<any>;
  }

  /** A page of migrations, oldest first, and how many there are. */
  async list(limit: number, offset: number): Promise<{ migrations: Migration[]; total: number }> {
    const rows = (await this.db
      .selectFrom('ls_user_migrations')
      .selectAll()
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit)
      .offset(offset)
      .execute()) as MigrationRow[];
    const count = await this.db
      .selectFrom('ls_user_migrations')
      .select(sql<number | string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    return { migrations: rows.map(toPublic), total: Number(count.n) };
  }

  private async byId(id: string): Promise<MigrationRow> {
    const row = await this.db.selectFrom('ls_user_migrations').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw dataErrors.notFound('Migration');
    return row as MigrationRow;
  }

  private async existingTable(table: string, created: ReadonlySet<string>): Promise<TableDescription | undefined> {
    if (created.has(table)) return undefined;
    const description = await describeTable(this.database, table);
    if (!description) throw invalid(`The table ${table} does not exist.`);
    return description;
  }

  private async addColumns(
    changes: GenerateRequest['changes'],
    created: ReadonlySet<string>,
    up: string[],
    down: string[],
  ) {
    for (const { table, column } of changes.add_columns ?? []) {
      const description = await this.existingTable(table, created);
      if (description?.columns.some((c) => c.name === column.name))
        throw dataErrors.conflict(`The table ${table} has a column ${column.name}.`);
      up.push(...addColumnSql(this.db, this.database.engine, table, column));
      const undo = [dropColumnSql(this.db, table, column.name)];
      if (column.unique) undo.unshift(dropIndexSql(this.db, constraintName(table, column.name, 'key')));
      down.unshift(...undo);
    }
  }

  private async dropColumns(
    changes: GenerateRequest['changes'],
    created: ReadonlySet<string>,
    up: string[],
    down: string[],
  ) {
    for (const { table, column } of changes.drop_columns ?? []) {
      const description = await this.existingTable(table, created);
      const existing = description?.columns.find((c) => c.name === column);
      if (description && !existing) throw invalid(`The table ${table} has no column ${column}.`);
      if (description) {
        for (const index of await listIndexes(this.database, table))
          if (!index.constraint && index.columns.includes(column)) up.push(dropIndexSql(this.db, index.name));
      }
      up.push(dropColumnSql(this.db, table, column));
      if (existing) {
        // Best effort: the column comes back with its type and default, not its rows.
        const add = this.db.schema
          .alterTable(table)
          .addColumn(existing.name, sql.raw(existing.type || 'text'), (c) =>
            existing.default_value === null
              ? c
              : (existing.nullable ? c : c.notNull()).defaultTo(sql.raw(existing.default_value)),
          );
        down.unshift(add.compile().sql);
      }
    }
  }

  /** Writes the SQL for `changes` and stores it as a pending migration. */
  async generate(request: GenerateRequest): Promise<Migration> {
    const taken = await this.db
      .selectFrom('ls_user_migrations')
      .select('id')
      .where('name', '=', request.name)
      .executeTakeFirst();
    if (taken) throw dataErrors.conflict(`A migration named ${request.name} exists.`);
    const creates = request.changes.create_tables ?? [];
    const created = new Set(creates.map((t) => t.name));
    if (created.size < creates.length) throw invalid('A table is created twice.');
    const up: string[] = [];
    const down: string[] = [];
    for (const table of creates) {
      up.push(await this.schema.createTableStatement(table, new Set([...created].filter((n) => n !== table.name))));
      down.unshift(dropTableSql(this.db, table.name));
    }
    await this.addColumns(request.changes, created, up, down);
    await this.dropColumns(request.changes, created, up, down);
    if (up.length === 0) throw invalid('The changes are empty.');
    const row: MigrationRow = {
      id: randomUUID(),
      name: request.name,
      status: 'pending',
      sql_up: script(up),
      sql_down: script(down),
      error: null,
      applied_at: null,
      created_at: nowIso(),
    };
    await this.db.insertInto('ls_user_migrations').values(row).execute();
    return toPublic(row);
  }

  private async runScript(text: string): Promise<string | undefined> {
    try {
      await this.db.transaction().execute(async (trx) => {
        await releaseCapture(trx, this.database.engine);
        for (const statement of splitStatements(text)) await sql.raw(statement).execute(trx);
        await syncCapture(trx, this.database.engine);
      });
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    } finally {
      this.onChange();
    }
  }

  private async save(id: string, changes: Partial<MigrationRow>): Promise<Migration> {
    await this.db.updateTable('ls_user_migrations').set(changes).where('id', '=', id).execute();
    return toPublic(await this.byId(id));
  }

  /** Runs `sql_up` in one transaction; a failure marks the migration failed and answers 400. */
  async apply(id: string): Promise<Migration> {
    const row = await this.byId(id);
    if (row.status === 'applied') throw dataErrors.conflict(`The migration ${row.name} is applied.`);
    const error = await this.runScript(row.sql_up);
    if (error) {
      await this.save(id, { status: 'failed', error });
      throw invalid(`The migration ${row.name} failed and was rolled back: ${error}`);
    }
    return this.save(id, { status: 'applied', error: null, applied_at: nowIso() });
  }

  /** Runs `sql_down` in one transaction; a failure leaves it applied with the error, and answers 400. */
  async rollback(id: string): Promise<Migration> {
    const row = await this.byId(id);
    if (row.status !== 'applied') throw dataErrors.conflict(`The migration ${row.name} is ${row.status}, not applied.`);
    const error = await this.runScript(row.sql_down);
    if (error) {
      await this.save(id, { error });
      throw invalid(`Rolling back ${row.name} failed and changed nothing: ${error}`);
    }
    return this.save(id, { status: 'rolled_back', error: null });
  }
}
