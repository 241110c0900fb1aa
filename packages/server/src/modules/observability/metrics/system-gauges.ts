/**
 * The gauges read from the process, the host and the database when a sample is taken:
 * CPU (process and host, as a share of all cores since the last reading), memory, the
 * database's size and write-ahead log (SQLite files, or `pg_database_size` and `pg_wal`),
 * the bytes storage holds, and the volume of the data directory.
 */
import { statSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Database } from '../../../db/database';

/** One reading of the system gauges. */
export interface SystemReading {
  cpuPercent: number;
  memoryBytes: number;
  memoryTotalBytes: number;
  hostCpuPercent: number;
  hostMemoryUsedBytes: number;
  databaseBytes: number;
  walBytes: number;
  storageBytes: number;
  diskTotalBytes: number;
}

function hostTimes(): { idle: number; total: number } {
  let idle = 0;
  let total = 0;
  for (const cpu of os.cpus()) {
    const t = cpu.times;
    idle += t.idle;
    total += t.user + t.nice + t.sys + t.irq + t.idle;
  }
  return { idle, total };
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Reads the gauges; CPU figures cover the time since the previous `read`. */
export class SystemGauges {
  private lastCpu = process.cpuUsage();
  private lastAt = performance.now();
  private lastHost = hostTimes();
  private walDenied = false;

  constructor(
    private readonly database: Database,
    private readonly dataDir: string,
  ) {}

  private cpu(): { process: number; host: number } {
    const now = performance.now();
    const usage = process.cpuUsage(this.lastCpu);
    const host = hostTimes();
    const elapsedUs = (now - this.lastAt) * 1000 * Math.max(1, os.cpus().length);
    const hostTotal = host.total - this.lastHost.total;
    const out = {
      process: elapsedUs > 0 ? Math.min(100, ((usage.user + usage.system) / elapsedUs) * 100) : 0,
      host: hostTotal > 0 ? Math.min(100, (1 - (host.idle - this.lastHost.idle) / hostTotal) * 100) : 0,
    };
    this.lastCpu = process.cpuUsage();
    this.lastAt = now;
    this.lastHost = host;
    return out;
  }

  private async databaseSizes(): Promise<{ databaseBytes: number; walBytes: number }> {
    if (this.database.engine === 'sqlite') {
      const file = join(this.dataDir, 'lockstep.db');
      return { databaseBytes: fileSize(file), walBytes: fileSize(`${file}-wal`) };
    }
    const { rows } = await sql<{ n: string }>`select pg_database_size(current_database()) as n`.execute(
      this.database.db,
    );
    return { databaseBytes: Number(rows[0].n), walBytes: await this.pgWal() };
  }

  private async pgWal(): Promise<number> {
    if (this.walDenied) return 0;
    try {
      const { rows } = await sql<{ n: string | null }>`select sum(size) as n from pg_ls_waldir()`.execute(
        this.database.db,
      );
      return Number(rows[0].n ?? 0);
    } catch {
      // pg_ls_waldir needs superuser or pg_monitor; without it the WAL size reads 0.
      this.walDenied = true;
      return 0;
    }
  }

  private async storageBytes(): Promise<number> {
    const row = await this.database.db
      .selectFrom('ls_storage_objects')
      .select((eb) => eb.fn.sum<string | number | null>('size').as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  private async diskTotal(): Promise<number> {
    try {
      const s = await statfs(this.dataDir);
      return s.blocks * s.bsize;
    } catch {
      return 0;
    }
  }

  /** Takes a reading. */
  async read(): Promise<SystemReading> {
    const cpu = this.cpu();
    const [sizes, storageBytes, diskTotalBytes] = await Promise.all([
      this.databaseSizes(),
      this.storageBytes(),
      this.diskTotal(),
    ]);
    return {
      cpuPercent: cpu.process,
      memoryBytes: process.memoryUsage.rss(),
      memoryTotalBytes: os.totalmem(),
      hostCpuPercent: cpu.host,
      hostMemoryUsedBytes: os.totalmem() - os.freemem(),
      ...sizes,
      storageBytes,
      diskTotalBytes,
    };
  }
}
