/**
 * The rules of the health probes: the server is `ok` while the database answers and
 * `degraded` while it does not, and ready only while it answers. The database check is
 * shared by every probe (database-probe.ts).
 */
import { andThen } from '../../awaitable';
import { errors } from '../../http/http-error';
import { serverVersion } from '../../version';
import type { DatabaseProbe } from './database-probe';

/** The server's health, as the probes report it. */
export class HealthService {
  constructor(
    private readonly probe: DatabaseProbe,
    private readonly startedAt: number = Date.now(),
  ) {}

  /** The server's status, version, uptime and the database check (at once while the check's answer is recent). */
  report() {
    return andThen(this.probe.state(), (database) => ({
      status: database === 'ok' ? ('ok' as const) : ('degraded' as const),
      version: serverVersion,
      uptime_seconds: Math.floor((Date.now() - this.startedAt) / 1000),
      checks: { database },
    }));
  }

  /** Returns while the database answers; 503 UNAVAILABLE otherwise. */
  async assertReady(): Promise<void> {
    if ((await this.probe.state()) === 'failed') throw errors.unavailable('The database is not reachable.');
  }
}
