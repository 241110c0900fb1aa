/**
 * Pauses writes on this instance while a restore replaces the data: every request but
 * GET, HEAD and OPTIONS answers 503 UNAVAILABLE with `Retry-After` until the restore ends.
 * Reads go on (on SQLite they wait for the restore's transaction). On PostgreSQL other
 * instances are not paused: their writes land before or after the restore's single
 * transaction, never inside it.
 */
import { errors, type HttpError } from '../../http/http-error';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** What clients are told to wait, in seconds. */
export const RETRY_AFTER_SECONDS = 5;

/** The pause switch of one instance. */
export class WritePause {
  private holders = 0;

  /** Runs `work` with writes paused. */
  async during<T>(work: () => Promise<T>): Promise<T> {
    this.holders++;
    try {
      return await work();
    } finally {
      this.holders--;
    }
  }

  get paused(): boolean {
    return this.holders > 0;
  }

  /** The 503 for a request refused by the pause, or undefined when it may go on. */
  refusal(method: string): HttpError | undefined {
    if (!this.paused || READS.has(method.toUpperCase())) return undefined;
    return errors.unavailable(
      'A restore is replacing the data; writes are paused. Retry shortly.',
      RETRY_AFTER_SECONDS,
    );
  }
}
