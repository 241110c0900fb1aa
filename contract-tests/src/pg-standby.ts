/**
 * A real PostgreSQL streaming standby of the test server, for the cluster suites:
 * `pg_basebackup -R` into a temporary directory, started with `pg_ctl` (as the `postgres`
 * user when we run as root) on a free port, stopped and deleted by `stop()` (or, when the
 * test process was killed first, by the next start).
 */
import { execFile } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { testPostgresUrl } from '@lockstep/server/test-support';
import pg from 'pg';

const run = promisify(execFile);

/** A running standby. */
export interface Standby {
  host: string;
  port: number;
  /** Its URL, the primary's database and user at the standby's port. */
  url: string;
  dataDir: string;
  /** Stops it at once and deletes its directory. */
  stop(): Promise<void>;
}

/** The settings a hot standby must not set below the primary's, or it refuses to start. */
const MATCHED_SETTINGS = [
  'max_connections',
  'max_worker_processes',
  'max_wal_senders',
  'max_prepared_transactions',
  'max_locks_per_transaction',
];

async function query<T>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

async function setting(url: string, name: string): Promise<string> {
  return (await query<{ setting: string }>(url, `select current_setting('${name}') as setting`))[0].setting;
}

/**
 * Lets replication connections from 127.0.0.1 in (idempotent: a `pg_hba.conf` line and a
 * reload, only when none matches). `wal_level` and `max_wal_senders` need a restart: they
 * are checked, and `.ci/run` sets them on a fresh machine.
 */
export async function ensurePrimaryAllowsReplication(url = testPostgresUrl): Promise<void> {
  if ((await setting(url, 'wal_level')) === 'minimal' || Number(await setting(url, 'max_wal_senders')) < 1)
    throw new Error('the primary needs wal_level = replica and max_wal_senders > 0 (see .ci/run)');
  const rules = await query<{ n: number }>(
    url,
    `select count(*)::int as n from pg_hba_file_rules
      where 'replication' = any(database) and auth_method = 'trust'
        and (type = 'local' or address = '127.0.0.1' or address = '0.0.0.0')`,
  );
  if (rules[0].n > 0) return;
  appendFileSync(await setting(url, 'hba_file'), '\nhost replication all 127.0.0.1/32 trust\n');
  await query(url, 'select pg_reload_conf()');
}

/** PostgreSQL's binaries of the primary's major version, or those on the PATH. */
async function binary(url: string, name: string): Promise<string> {
  const major = Math.floor(Number(await setting(url, 'server_version_num')) / 10000);
  const versioned = `/usr/lib/postgresql/${major}/bin/${name}`;
  return existsSync(versioned) ? versioned : name;
}

/** Runs a PostgreSQL tool as the `postgres` user when we are root (the server refuses root). */
async function asPostgres(command: string, args: string[]): Promise<void> {
  const root = process.getuid?.() === 0;
  await (root ? run('runuser', ['-u', 'postgres', '--', command, ...args]) : run(command, args));
}

/** Standbys live in `<tmp>/lockstep-standby-<pid of the test process>-<random>`. */
const PREFIX = 'lockstep-standby-';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Stops and deletes the standbys of test processes that ended without stopping them (killed at a timeout). */
async function removeOrphans(pgCtl: string): Promise<void> {
  for (const name of readdirSync(tmpdir())) {
    const owner = new RegExp(`^${PREFIX}(\\d+)-`).exec(name);
    if (!owner || alive(Number(owner[1]))) continue;
    const dataDir = join(tmpdir(), name);
    await asPostgres(pgCtl, ['-D', dataDir, '-m', 'immediate', 'stop']).catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function writeConfig(url: string, dataDir: string, port: number): Promise<void> {
  const matched = await Promise.all(MATCHED_SETTINGS.map(async (name) => `${name} = ${await setting(url, name)}`));
  const conf = [
    `port = ${port}`,
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${dataDir}'`,
    'shared_buffers = 16MB',
    'hot_standby = on',
    'fsync = off',
    ...matched,
  ];
  writeFileSync(join(dataDir, 'postgresql.conf'), `${conf.join('\n')}\n`);
  writeFileSync(
    join(dataDir, 'pg_hba.conf'),
    'local all all trust\nhost all all 127.0.0.1/32 trust\nhost replication all 127.0.0.1/32 trust\n',
  );
}

async function untilStreaming(url: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const rows = await query<{ status: string }>(url, 'select status from pg_stat_wal_receiver').catch(() => []);
    if (rows[0]?.status === 'streaming') return;
    if (Date.now() > deadline) throw new Error(`the standby at ${url} does not stream`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Copies the primary into `dataDir`, a second time when the first copy is cut off: under
 * load, a checkpoint another base backup asked for can end this one's stream ("terminating
 * process to release replication slot"), and pg_basebackup then empties `dataDir`.
 */
async function baseBackup(pgBasebackup: string, dataDir: string, from: string[]): Promise<void> {
  const args = ['-R', '-X', 'stream', '-c', 'fast', '--no-sync', '-D', dataDir, ...from];
  await asPostgres(pgBasebackup, args).catch(() => asPostgres(pgBasebackup, args));
}

/**
 * Starts a streaming standby of the PostgreSQL at `primaryUrl` and waits until it streams.
 * @example
 * const standby = await startStandby();
 * try { ... } finally { await standby.stop(); }
 */
export async function startStandby(primaryUrl = testPostgresUrl): Promise<Standby> {
  await ensurePrimaryAllowsReplication(primaryUrl);
  const primary = new URL(primaryUrl);
  const pgCtl = await binary(primaryUrl, 'pg_ctl');
  await removeOrphans(pgCtl);
  const dataDir = mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}-`));
  if (process.getuid?.() === 0) await run('chown', ['postgres:postgres', dataDir]);
  const stop = async () => {
    await asPostgres(pgCtl, ['-D', dataDir, '-m', 'immediate', 'stop']).catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const user = decodeURIComponent(primary.username || 'postgres');
    const from = ['-h', primary.hostname, '-p', primary.port || '5432', '-U', user];
    await baseBackup(await binary(primaryUrl, 'pg_basebackup'), dataDir, from);
    const port = await freePort();
    await writeConfig(primaryUrl, dataDir, port);
    if (process.getuid?.() === 0) await run('chown', ['-R', 'postgres:postgres', dataDir]);
    await asPostgres(pgCtl, ['-D', dataDir, '-l', join(dataDir, 'server.log'), '-w', '-t', '30', 'start']);
    const url = new URL(primaryUrl);
    url.hostname = '127.0.0.1';
    url.port = String(port);
    await untilStreaming(url.toString());
    return { host: '127.0.0.1', port, url: url.toString(), dataDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
