/**
 * What the replay's Cluster page manages on PostgreSQL: two real streaming standbys of the
 * replay's database server (`pg-standby.ts`, each on a free port, which the user types into
 * the Add Replica form) and a second server instance on the same schema. The standbys start
 * with the replay (a base backup takes seconds on a loaded machine; they stream meanwhile),
 * the instance when the replay reaches the Cluster page. Stopping ends the instance, then
 * the replay's own server, then the standbys: the last promotion moves the replay's server
 * onto the first standby, so the standbys outlive every server.
 */
import { startTarget, type Target } from '../harness/targets';
import { type Standby, startStandby } from '../pg-standby';
import type { ReplayCluster } from './replay-call';

/** Runs every step, in order, even when one fails; throws the first failure at the end. */
export async function inOrder(steps: (() => Promise<unknown>)[]): Promise<void> {
  const failures: unknown[] = [];
  for (const step of steps) await step().catch((error) => failures.push(error));
  if (failures.length > 0) throw failures[0];
}

function settled<T>(promise: Promise<T>): Promise<PromiseSettledResult<T>> {
  return promise.then(
    (value) => ({ status: 'fulfilled', value }),
    (reason) => ({ status: 'rejected', reason }),
  );
}

/** Standbys and a second instance for the replay on `pgSchema`. */
export class ReplayClusterFixture {
  private readonly started: Promise<PromiseSettledResult<Standby>[]>;
  private instance?: Target;

  /** Starts the two standbys of the test PostgreSQL in the background, one after the other (each base backup checkpoints). */
  constructor(private readonly pgSchema: string) {
    this.started = (async () => {
      const first = await settled(startStandby());
      return [first, await settled(startStandby())];
    })();
  }

  /** Waits for the standbys and starts the second instance; answers what the Cluster page finds. */
  async start(): Promise<ReplayCluster> {
    const started = await this.started;
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    this.instance = await startTarget('postgres', { pgSchema: this.pgSchema });
    return { standbys: (await this.standbys()).map(({ host, port }) => ({ host, port })) };
  }

  private async standbys(): Promise<Standby[]> {
    return (await this.started).flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  }

  /** Stops the second instance, then `server` (the replay's, maybe on a promoted standby), then the standbys. */
  async stop(server: () => Promise<void>): Promise<void> {
    const standbys = await this.standbys();
    await inOrder([async () => this.instance?.stop(), server, ...standbys.map((s) => () => s.stop())]);
  }
}
