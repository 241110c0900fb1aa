/**
 * A PostgreSQL pool that can move to another server (a promoted standby): after `moveTo`,
 * every connection comes from the new URL and the old pool closes. `pool` stands for the
 * current pool wherever a `pg.Pool` is taken (Kysely's dialect, the rate limiter).
 */
import pg from 'pg';

/** A pool whose server can change. */
export class MovablePool {
  private current: pg.Pool;
  private currentUrl: string;
  /** The current pool, through a proxy that always forwards to it. */
  readonly pool: pg.Pool;

  constructor(
    url: string,
    private readonly config: Omit<pg.PoolConfig, 'connectionString'>,
  ) {
    this.currentUrl = url;
    this.current = this.open(url);
    const self = this;
    this.pool = new Proxy(this.current, {
      get(_first, property) {
        const pool = self.current;
        const value = Reflect.get(pool, property, pool);
        // Methods run on the current pool; the class itself is kept (libraries read its name).
        return typeof value === 'function' && property !== 'constructor' ? value.bind(pool) : value;
      },
    });
  }

  /** The URL new connections go to. */
  get url(): string {
    return this.currentUrl;
  }

  private open(url: string): pg.Pool {
    const pool = new pg.Pool({ ...this.config, connectionString: url });
    // An idle connection whose server went away (restarted, demoted) is dropped by the pool;
    // without a listener its error would end the process.
    pool.on('error', () => undefined);
    return pool;
  }

  /** Sends every new connection to `url`; resolves once the old pool has closed. */
  async moveTo(url: string): Promise<void> {
    if (url === this.currentUrl) return;
    const old = this.current;
    this.current = this.open(url);
    this.currentUrl = url;
    await old.end();
  }
}
