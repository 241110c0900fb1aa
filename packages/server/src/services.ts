/**
 * The composition root: opens the database and builds every store and service once per
 * server. Handlers reach them through `ctx.services`.
 */

import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { ServerConfig } from './config';
import { syncCapture } from './data/change-capture';
import { Leases } from './data/leases';
import { MigrationsService } from './data/migrations-service';
import { RlsStore } from './data/policy/store';
import { RowService } from './data/row-service';
import { SchemaService } from './data/schema-service';
import { ServerEvents } from './data/server-events';
import { SqlRunner } from './data/sql-runner';
import { TableCache } from './data/table-cache';
import { type Database, openDatabase } from './db/database';
import { type InstanceChanges, instanceChanges } from './db/instance-changes';
import { AttemptLimiter } from './http/rate-limit';
import type { Logger } from './log';
import { Outbox } from './mail/outbox';
import { ApiKeysService } from './modules/api-keys/service';
import { ApiKeysStore } from './modules/api-keys/store';
import { Credentials } from './modules/auth/credentials';
import { type AuthServices, createAuthServices } from './modules/auth/service';
import { SessionCache } from './modules/auth/session-cache';
import { SessionsStore } from './modules/auth/sessions/store';
import { UsersStore } from './modules/auth/users/store';
import { BackupService } from './modules/backup/service';
import { ClusterService } from './modules/cluster/service';
import { DatabaseService } from './modules/database/service';
import type { FunctionsService } from './modules/functions/service';
import { startFunctions } from './modules/functions/start';
import { DatabaseProbe } from './modules/health/database-probe';
import { HealthService } from './modules/health/service';
import type { LogSink } from './modules/observability/logs/sink';
import { ObservabilityService } from './modules/observability/service';
import { RealtimeService } from './modules/realtime/service';
import { RestService } from './modules/rest/service';
import { newSetupToken } from './modules/setup/guard';
import { SetupService } from './modules/setup/service';
import { readStoragePaths, type StoragePaths } from './modules/setup/store';
import { SnapshotService } from './modules/snapshots/service';
import { createStorageContext } from './modules/storage/context';
import { createStorageService, type StorageService } from './modules/storage/service';
import { WebhooksService } from './modules/webhooks/service';
import { SettingsStore } from './settings/settings-store';
import { LocalBackend } from './storage/local-backend';

/** Everything a handler may use. */
export interface Services {
  config: ServerConfig;
  log: Logger;
  database: Database;
  settings: SettingsStore;
  apiKeys: ApiKeysService;
  /** Rows of user tables, as a caller sees them (row-level security applied). */
  rows: RowService;
  /** The `database` tag's rules over `rows` and `schema`. */
  databaseService: DatabaseService;
  /** The `rest` tag's rules (the PostgREST-like query language) over `rows` and `schema`. */
  rest: RestService;
  /** Tables, indexes and foreign keys of user tables. */
  schema: SchemaService;
  /** Raw SQL for admins, under a statement timeout. */
  sql: SqlRunner;
  /** Versioned user migrations. */
  migrations: MigrationsService;
  outbox: Outbox;
  /** Users, sessions, passwords and row-level-security policies, one service per area. */
  auth: AuthServices;
  credentials: Credentials;
  /**
   * Tells every instance what changed: `auth` (sessions or users: their session caches
   * forget), `rls` (policies) and `tables` (schema changes): what they keep is read again.
   */
  changes: InstanceChanges<'auth' | 'rls' | 'tables'>;
  /** Buckets and files, with the access checks of the storage routes (the unified operation uses it too). */
  storage: StorageService;
  /** The first-run wizard. */
  setup: SetupService;
  /** The realtime hub: WebSocket connections, change events, broadcast and presence. */
  realtime: RealtimeService;
  /** Named leases: work that runs once across instances (schedules, the cluster's authority) runs where its lease is held. */
  leases: Leases;
  /** User functions: their lifecycle, the sandbox they run in, and their triggers. */
  functions: FunctionsService;
  /** Kept logs, metric series, statement timings, alerts and Prometheus. */
  observability: ObservabilityService;
  /** Webhook endpoints and their durable, signed, retried deliveries. */
  webhooks: WebhooksService;
  /** What happened (buckets, files, tables, users, invocations), for the webhooks. */
  events: ServerEvents;
  /** Backups and restores, the backup schedule, and the write pause of a restore. */
  backup: BackupService;
  /** The instances (heartbeats, the authority lease) and PostgreSQL standbys of the deployment. */
  cluster: ClusterService;
  /** Fast local copies of the user tables. */
  snapshots: SnapshotService;
  limits: {
    login: AttemptLimiter;
    loginPerAddress: AttemptLimiter;
    signup: AttemptLimiter;
    forgotPassword: AttemptLimiter;
  };
  /** The health probes' answers, over a database check that pings once a second at most, never queued behind a busy pool. */
  health: HealthService;
}

async function jwtSecretOf(config: ServerConfig, settings: SettingsStore): Promise<Uint8Array> {
  const secret =
    config.jwtSecret ?? (await settings.getOrCreate('jwt_secret', () => randomBytes(48).toString('base64url')));
  return new TextEncoder().encode(secret);
}

async function pgSchemaOf(database: Database): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db);
  return rows[0].schema;
}

/** Opens the database, migrates it, and builds the services. */
export async function createServices(config: ServerConfig, log: Logger, logSink?: LogSink): Promise<Services> {
  const database = await openDatabase(config);
  const events = new ServerEvents();
  const { db } = database;
  await syncCapture(db as never, database.engine);
  const settings = new SettingsStore(db);
  const sessionCache = new SessionCache(config.sessionCacheMs);
  const pg =
    database.engine === 'postgres' ? { url: config.databaseUrl!, schema: await pgSchemaOf(database) } : undefined;
  const rls = new RlsStore(db, { changed: () => changes.changed('rls') });
  const tables = new TableCache(database);
  const changes = await instanceChanges(
    database,
    { auth: () => sessionCache.forgetAll(), rls: () => rls.forget(), tables: () => tables.invalidate() },
    log,
    pg,
  );
  const users = new UsersStore(db, () => changes.changed('auth'));
  const sessions = new SessionsStore(db, () => changes.changed('auth'));
  const apiKeys = new ApiKeysStore(db);
  const outbox = new Outbox(db, log, config.mailFrom, config.smtpUrl);
  const secret = await jwtSecretOf(config, settings);
  const auth = createAuthServices({
    database,
    users,
    sessions,
    rls,
    settings,
    outbox,
    events,
    jwtSecret: secret,
    publicUrl: config.publicUrl,
  });
  const storagePaths = await readStoragePaths(settings);
  const storage = createStorageService(
    await createStorageContext(config, database, settings, log, events, storagePaths?.data_dir),
  );
  const moveStorageRoot = async (paths: StoragePaths) => {
    const { backend } = storage.context;
    if (backend instanceof LocalBackend) await backend.useRoot(paths.data_dir);
  };
  const setup = new SetupService(
    settings,
    auth.users,
    config.dataDir,
    config.setupToken ?? newSetupToken(),
    moveStorageRoot,
  );
  const rows = new RowService(database, rls, { tables, changed: () => changes.changed('tables') });
  const schema = new SchemaService(database, rows, rls, events);
  const credentials = new Credentials(sessions, apiKeys, secret, sessionCache);
  const realtime = new RealtimeService({
    database,
    rows,
    rls,
    credentials,
    log,
    options: config.realtime,
    postgres: pg,
    redisUrl: config.redisUrl,
  });
  await realtime.start();
  const leases = new Leases(db);
  const functions = await startFunctions({
    database,
    rows,
    leases,
    realtime,
    log,
    secret,
    events,
    options: config.functions,
  });
  const observability = new ObservabilityService({
    database,
    dataDir: config.dataDir,
    log,
    sink: logSink,
    options: config.observability,
    realtime: {
      localConnections: () => realtime.connections.size,
      connections: () => realtime.statsView().connections,
      messagesPerSecond: () => realtime.statsView().messagesPerSecond,
    },
  });
  observability.evaluateAlertsWith(leases, outbox);
  observability.start();
  const webhooks = new WebhooksService({
    database,
    log,
    serverSecret: secret,
    changes: realtime,
    options: config.webhooks,
  });
  await webhooks.start();
  events.listen((event, data) => webhooks.emit(event, data));
  const backup = new BackupService({
    config,
    database,
    settings,
    leases,
    log,
    backend: () => storage.context.backend,
    // A restore replaces tables, policies and sessions: every instance forgets what it kept of them.
    restored: () => {
      rows.invalidate();
      void changes.changed('rls');
      void changes.changed('auth');
    },
    events,
  });
  backup.start();
  const cluster = new ClusterService(config, database, leases, log, (work) => backup.pause.during(work));
  await cluster.start();
  return {
    config,
    log,
    database,
    settings,
    apiKeys: new ApiKeysService(apiKeys),
    rows,
    databaseService: new DatabaseService(rows, schema),
    rest: new RestService(rows, schema),
    schema,
    sql: new SqlRunner(database, config, () => rows.invalidate()),
    migrations: new MigrationsService(database, schema, () => rows.invalidate()),
    outbox,
    auth,
    credentials,
    changes,
    realtime,
    storage,
    setup,
    leases,
    functions,
    observability,
    webhooks,
    events,
    backup,
    cluster,
    snapshots: new SnapshotService(database, backup, log, config.pitrRetentionHours),
    limits: {
      login: new AttemptLimiter('login', config.rateLimits.login, database.pgPool),
      loginPerAddress: new AttemptLimiter('login-address', config.rateLimits.loginPerAddress, database.pgPool),
      signup: new AttemptLimiter('signup', config.rateLimits.signup, database.pgPool),
      forgotPassword: new AttemptLimiter('forgot-password', config.rateLimits.forgotPassword, database.pgPool),
    },
    health: new HealthService(new DatabaseProbe(() => database.ping())),
  };
}
