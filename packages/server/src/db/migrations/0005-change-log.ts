import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * The change log: one row per insert, update or delete on a user table, written by engine
 * triggers (`data/change-capture.ts`) so every write path is captured, raw SQL included.
 * On PostgreSQL the trigger function also sends the new row's id with `pg_notify` on the
 * channel `ls_changes_<schema>` (only the id: NOTIFY payloads stop at 8 kB), and
 * `ls_capture_sync()` adds the trigger to every user table of the schema that lacks it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) {
    await sql`create table ls_changes (
      id integer primary key autoincrement,
      table_name text not null,
      kind text not null,
      new_row text,
      old_row text,
      committed_at text not null default (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    )`.execute(db);
    await sql`create index ls_changes_committed_at on ls_changes (committed_at)`.execute(db);
    await createMessages(db);
    return;
  }
  const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0].s;
  await sql`create table ls_changes (
    id bigint generated always as identity primary key,
    table_name text not null,
    kind text not null,
    new_row jsonb,
    old_row jsonb,
    tx_id bigint not null default txid_current(),
    committed_at timestamptz not null default clock_timestamp()
  )`.execute(db);
  await sql`create index ls_changes_committed_at on ls_changes (committed_at)`.execute(db);
  await createMessages(db);
  const q = sql.id(schema);
  const channel = sql.lit(`ls_changes_${schema}`);
  await sql`create function ${q}.ls_capture_change() returns trigger language plpgsql as $fn$
    declare change_id bigint;
    begin
      insert into ${q}.ls_changes (table_name, kind, new_row, old_row)
      values (
        tg_table_name,
        tg_op,
        case when tg_op <> 'DELETE' then to_jsonb(new) end,
        case when tg_op <> 'INSERT' then to_jsonb(old) end
      )
      returning id into change_id;
      perform pg_notify(${channel}, change_id::text);
      return null;
    end
  $fn$`.execute(db);
  await sql`create function ${q}.ls_capture_sync() returns void language plpgsql as $fn$
    declare t record;
    begin
      for t in
        select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = ${sql.lit(schema)} and c.relkind in ('r', 'p')
          and c.relname !~ '^(ls_|_|sqlite_)'
          and not exists (select 1 from pg_trigger g where g.tgrelid = c.oid and g.tgname = 'ls_capture')
      loop
        execute format(
          'create trigger ls_capture after insert or update or delete on %I.%I for each row execute function %I.ls_capture_change()',
          ${sql.lit(schema)}, t.relname, ${sql.lit(schema)}
        );
      end loop;
    end
  $fn$`.execute(db);
}

/** Realtime messages too large for a NOTIFY payload, passed between instances by id. */
async function createMessages(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ls_realtime_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`drop function if exists ls_capture_sync()`.execute(db);
    await sql`drop function if exists ls_capture_change() cascade`.execute(db);
  }
  await db.schema.dropTable('ls_realtime_messages').execute();
  await db.schema.dropTable('ls_changes').execute();
}
