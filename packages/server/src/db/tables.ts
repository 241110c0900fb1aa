import type { Generated } from 'kysely';

/**
 * The server's own tables, as Kysely sees them. Internal tables start with `ls_` so user
 * tables (the database module) can never collide with them. Timestamps are RFC 3339 text
 * and booleans 0/1 integers, the same on SQLite and PostgreSQL.
 */
export interface Tables {
  ls_settings: { key: string; value: string };
  ls_users: {
    id: string;
    email: string;
    password_hash: string;
    name: string | null;
    role: 'user' | 'admin' | 'service';
    metadata: string;
    email_verified: number;
    created_at: string;
    updated_at: string;
    last_login: string | null;
  };
  ls_sessions: {
    id: string;
    user_id: string;
    device: string | null;
    ip_address: string | null;
    created_at: string;
    last_active: string;
    expires_at: string;
    revoked_at: string | null;
  };
  ls_refresh_tokens: {
    token_hash: string;
    session_id: string;
    created_at: string;
    expires_at: string;
    rotated_at: string | null;
  };
  ls_one_time_tokens: {
    token_hash: string;
    user_id: string;
    purpose: 'reset_password' | 'verify_email';
    expires_at: string;
    used_at: string | null;
  };
  ls_api_keys: {
    id: string;
    user_id: string;
    name: string;
    key_prefix: string;
    key_hash: string;
    permissions: string;
    created_at: string;
    last_used_at: string | null;
    expires_at: string | null;
  };
  ls_rls_policies: {
    id: string;
    table_name: string;
    name: string;
    operation: 'select' | 'insert' | 'update' | 'delete' | 'all';
    expression: string;
    enabled: number;
    created_at: string;
  };
  ls_storage_buckets: StorageBucketTable;
  ls_storage_objects: StorageObjectTable;
  ls_storage_folders: StorageFolderTable;
  ls_storage_signed_urls: StorageSignedUrlTable;
  ls_outbox: {
    id: string;
    recipient: string;
    subject: string;
    body: string;
    purpose: string;
    created_at: string;
    sent_at: string | null;
    error: string | null;
  };
  /** A named lease (`data/leases.ts`); `expires_at` is epoch milliseconds, a string on PostgreSQL. */
  ls_leases: { name: string; holder: string; expires_at: number | string };
  /** A backup archive under the backup directory (`modules/backup/`); `manifest` and `files` are JSON. */
  ls_backups: BackupTable;
  /** A backup or restore job the dashboard polls. */
  ls_backup_jobs: BackupJobTable;
  /** The one scheduled backup (`id` 1). */
  ls_backup_schedule: BackupScheduleTable;
  /** A snapshot: a fast local copy of the user tables (`modules/snapshots/`); `collections` and `manifest` are JSON. */
  ls_snapshots: SnapshotTable;
  /** Named instants of the change log: `hold:<holder>` (keep changes from) and `pruned` (changes before may be gone). */
  ls_change_log_marks: { name: string; at: string | Date };
  /** A server instance (heartbeat) or a PostgreSQL standby registered as a replica (`modules/cluster/`). */
  ls_cluster_nodes: ClusterNodeTable;
  /** The authority marker and the last promotion, as JSON by key. */
  ls_cluster_state: { key: string; value: string };
  ls_functions: FunctionRow;
  ls_function_versions: FunctionVersionRow;
  ls_function_invocations: FunctionInvocationRow;
  ls_function_logs: FunctionLogRow;
  ls_logs: LogTable;
  ls_metric_points: { name: string; ts: number | string; value: number };
  ls_slow_queries: SlowQueryTable;
  ls_alerts: AlertTable;
  ls_alert_events: AlertEventTable;
  ls_webhooks: WebhookTable;
  ls_webhook_deliveries: WebhookDeliveryTable;
  /** Who did what (`modules/observability/audit/`); `details` is JSON. */
  ls_audit_log: AuditLogTable;
}

/** A function's active settings; JSON columns are text, `env_vars` is encrypted (`modules/functions/secrets.ts`). */
export interface FunctionRow {
  id: string;
  name: string;
  runtime: string;
  env_vars: string;
  triggers: string;
  allowed_hosts: string;
  enabled: number;
  timeout_ms: number;
  memory_mb: number;
  version: number;
  latest_version: number;
  created_at: string;
  updated_at: string;
  last_invoked_at: string | null;
}

/** One immutable version of a function. */
export interface FunctionVersionRow {
  function_id: string;
  version: number;
  runtime: string;
  code: string;
  compiled: string;
  code_hash: string;
  deployed_by: string | null;
  created_at: string;
}

/** One run of a function; numbers may come back as strings from PostgreSQL (read through `Number`). */
export interface FunctionInvocationRow {
  id: string;
  function_id: string;
  version: number;
  trigger: string;
  trigger_key: string | null;
  payload: string;
  result: string | null;
  error: string | null;
  error_code: string | null;
  status: string;
  duration_ms: number | string;
  cpu_ms: number | string;
  memory_bytes: number | string;
  bytes: number | string;
  invoked_at: string;
}

/** One line an invocation logged; `seq` keeps the order of lines logged in the same millisecond. */
export interface FunctionLogRow {
  id: string;
  function_id: string;
  invocation_id: string;
  seq: number;
  level: string;
  message: string;
  timestamp: string;
}

/** A storage bucket; sizes are bigint (PostgreSQL answers them as strings: read through `Number`). */
export interface StorageBucketTable {
  id: string;
  name: string;
  policy: 'public' | 'authenticated' | 'private';
  file_size_limit: number | string | null;
  /** JSON array of content types, or null for any. */
  allowed_mime_types: string | null;
  quota_bytes: number | string | null;
  created_at: string;
  updated_at: string;
}

/** A stored file: its key, what the backend holds, its owner and its own read permissions. */
export interface StorageObjectTable {
  id: string;
  bucket_id: string;
  path: string;
  /** The last segment of `path`. */
  name: string;
  size: number | string;
  content_type: string;
  etag: string;
  owner_id: string | null;
  /** JSON object. */
  metadata: string;
  public: number;
  /** JSON array of role names. */
  allowed_roles: string;
  created_at: string;
  updated_at: string;
}

/** A folder made with `createFolder` (folders implied by keys have no row). */
export interface StorageFolderTable {
  bucket_id: string;
  path: string;
  created_at: string;
}

/** A signed URL, kept so it can be listed and revoked; its token is recomputed from the row. */
export interface StorageSignedUrlTable {
  id: string;
  object_id: string;
  expires_at: string;
  created_by: string | null;
  created_at: string;
  revoked_at: string | null;
}

/** A kept log line (`modules/observability`); `ts` in ms since the epoch. */
export interface LogTable {
  id: Generated<number>;
  ts: number | string;
  level: string;
  level_num: number;
  module: string;
  message: string;
  request_id: string | null;
  /** JSON object of the line's other fields. */
  fields: string | null;
}

/** One audit entry; `ts` is milliseconds since the epoch. */
export interface AuditLogTable {
  id: string;
  ts: number | string;
  action: string;
  user_id: string | null;
  resource_type: string;
  resource_id: string;
  details: string;
  ip_address: string | null;
}

/** A statement slower than the threshold, with placeholders instead of values. */
export interface SlowQueryTable {
  id: string;
  ts: number | string;
  query: string;
  duration_ms: number;
  user_id: string | null;
  rows_examined: number;
  rows_returned: number;
  index_used: number;
}

/** An alert rule over a metric series. */
export interface AlertTable {
  id: string;
  name: string;
  metric: string;
  condition: 'gt' | 'lt' | 'eq';
  threshold: number;
  duration_minutes: number;
  enabled: number;
  /** JSON array of channel names. */
  channels: string;
  last_triggered_at: string | null;
  created_at: string;
}

/** One firing of an alert rule; `resolved_at` is null while it holds. */
export interface AlertEventTable {
  id: string;
  alert_id: string;
  alert_name: string;
  triggered_at: string;
  value: number;
  resolved_at: string | null;
}

/** A webhook endpoint; its secret is sealed (AES-256-GCM), never stored in clear. */
export interface WebhookTable {
  id: string;
  name: string;
  url: string;
  /** JSON array of event names. */
  events: string;
  enabled: number;
  secret_prefix: string;
  secret_sealed: string;
  failures_in_row: number;
  created_at: string;
  updated_at: string;
}

/** One event queued for one webhook, with its latest attempt; the queue is this table. */
export interface WebhookDeliveryTable {
  id: string;
  webhook_id: string;
  event_id: string;
  event: string;
  /** The JSON body sent, exactly as signed. */
  payload: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempt: number;
  max_attempts: number;
  response_status: number | null;
  duration_ms: number | null;
  error: string | null;
  created_at: string;
  delivered_at: string | null;
  next_attempt_at: number | string | null;
  locked_until: number | string | null;
  /** The delivery this one sends again; null for a first delivery. */
  redelivery_of: string | null;
}

/** A member of the cluster; `heartbeat_at` is epoch milliseconds (a string on PostgreSQL). */
export interface ClusterNodeTable {
  id: string;
  kind: 'instance' | 'replica';
  name: string;
  host: string;
  port: number;
  version: string;
  started_at: string;
  heartbeat_at: number | string;
  load: number;
  replication_mode: 'sync' | 'async' | null;
}

/** A backup: `origin` is manual, scheduled or upload; sizes are bigint (strings on PostgreSQL). */
export interface BackupTable {
  id: string;
  name: string;
  status: 'pending' | 'running' | 'completed' | 'failed';
  origin: 'manual' | 'scheduled' | 'upload';
  created_at: string;
  completed_at: string | null;
  size_bytes: number | string;
  manifest: string;
  files: string;
  error: string | null;
}

/** A backup or restore job; `validation_errors` is a JSON array. */
export interface BackupJobTable {
  id: string;
  kind: 'backup' | 'restore' | 'snapshot-restore' | 'pitr';
  backup_id: string;
  trigger: 'manual' | 'scheduled';
  status: string;
  progress: number;
  validate_only: number;
  error: string | null;
  validation_errors: string | null;
  size_bytes: number | string | null;
  started_at: string;
  completed_at: string | null;
  /** The job kind's own fields as JSON (a PITR job's target and log positions); null for others. */
  detail: string | null;
}

/** The backup schedule's single row. */
export interface BackupScheduleTable {
  id: number;
  enabled: number;
  cron_expression: string;
  retention_days: number;
  compression: 'none' | 'gzip' | 'zstd';
  incremental: number;
  /** Keep at most this many completed backups; null keeps any number. */
  retention_count: number | null;
  last_run_at: string | null;
  /** The next run is the first cron instant after this (the last run, or when the schedule changed). */
  anchor_at: string;
}

/** A snapshot; sizes and positions are bigint (strings on PostgreSQL). */
export interface SnapshotTable {
  id: string;
  name: string;
  status: 'creating' | 'ready' | 'failed';
  created_at: string;
  timestamp: string;
  size_bytes: number | string;
  wal_position: number | string;
  collections: string;
  manifest: string | null;
  error: string | null;
  /** Changes made at or after this instant may be missing from the snapshot; null when imported (no PITR base). */
  log_from: string | null;
  /** PostgreSQL: the transaction snapshot the data was read in (`pg_current_snapshot()`). */
  log_snapshot: string | null;
}
