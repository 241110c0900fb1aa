import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Observability and webhooks: kept log lines, metric points, slow statements, alert rules
 * and their firings; webhooks and their durable delivery queue. Instants the server writes
 * often and filters by range (`ts`, `next_attempt_at`, `locked_until`) are milliseconds since
 * the epoch; instants shown as they are (`created_at`, `delivered_at`) are RFC 3339 text.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const serial = pg ? sql`bigint generated always as identity primary key` : sql`integer primary key autoincrement`;
  const real = pg ? sql`double precision` : sql`real`;
  await sql`create table ls_logs (
    id ${serial},
    ts bigint not null,
    level text not null,
    level_num integer not null,
    module text not null,
    message text not null,
    request_id text,
    fields text
  )`.execute(db);
  await sql`create index ls_logs_ts on ls_logs (ts)`.execute(db);
  await sql`create index ls_logs_module on ls_logs (module)`.execute(db);
  await sql`create table ls_metric_points (
    name text not null,
    ts bigint not null,
    value ${real} not null
  )`.execute(db);
  await sql`create index ls_metric_points_name_ts on ls_metric_points (name, ts)`.execute(db);
  await sql`create table ls_slow_queries (
    id text primary key,
    ts bigint not null,
    query text not null,
    duration_ms ${real} not null,
    user_id text,
    rows_examined integer not null,
    rows_returned integer not null,
    index_used integer not null
  )`.execute(db);
  await sql`create index ls_slow_queries_ts on ls_slow_queries (ts)`.execute(db);
  await createAlerts(db, real);
  await createWebhooks(db);
}

async function createAlerts(db: Kysely<any>, real: ReturnType<typeof sql>): Promise<void> {
  await sql`create table ls_alerts (
    id text primary key,
    name text not null unique,
    metric text not null,
    condition text not null,
    threshold ${real} not null,
    duration_minutes integer not null,
    enabled integer not null,
    channels text not null,
    last_triggered_at text,
    created_at text not null
  )`.execute(db);
  await sql`create table ls_alert_events (
    id text primary key,
    alert_id text not null,
    alert_name text not null,
    triggered_at text not null,
    value ${real} not null,
    resolved_at text
  )`.execute(db);
  await sql`create index ls_alert_events_alert on ls_alert_events (alert_id, resolved_at)`.execute(db);
}

async function createWebhooks(db: Kysely<any>): Promise<void> {
  await sql`create table ls_webhooks (
    id text primary key,
    name text not null,
    url text not null,
    events text not null,
    enabled integer not null,
    secret_prefix text not null,
    secret_sealed text not null,
    failures_in_row integer not null default 0,
    created_at text not null,
    updated_at text not null
  )`.execute(db);
  await sql`create table ls_webhook_deliveries (
    id text primary key,
    webhook_id text not null references ls_webhooks (id) on delete cascade,
    event_id text not null,
    event text not null,
    payload text not null,
    status text not null,
    attempt integer not null default 0,
    max_attempts integer not null,
    response_status integer,
    duration_ms integer,
    error text,
    created_at text not null,
    delivered_at text,
    next_attempt_at bigint,
    locked_until bigint
  )`.execute(db);
  await sql`create unique index ls_webhook_deliveries_event on ls_webhook_deliveries (webhook_id, event_id)`.execute(
    db,
  );
  await sql`create index ls_webhook_deliveries_due on ls_webhook_deliveries (status, next_attempt_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'ls_webhook_deliveries',
    'ls_webhooks',
    'ls_alert_events',
    'ls_alerts',
    'ls_slow_queries',
    'ls_metric_points',
    'ls_logs',
  ])
    await db.schema.dropTable(table).execute();
}
