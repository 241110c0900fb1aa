/**
 * How many request lines a second go to the log store. Keeping a line is a row in three
 * b-trees (and, later, its deletion); at 10,000 requests a second that was a fifth of the
 * server's CPU on SQLite and more on PostgreSQL, for lines the row cap (`logMaxRows`) deleted
 * seconds later. So at most `perSecond` request lines a second are stored, and past that
 * only the lines of 5xx answers; how many were left out is counted and said in one stored
 * line per second. stdout and live tails still get every line.
 */
export class RequestLineBudget {
  private second = Number.NaN;
  private used = 0;
  private skipped = 0;
  /** Request lines not stored since start. */
  notKept = 0;

  /** `report` stores the line that says how many lines of `second` (ms) were left out. */
  constructor(
    private readonly perSecond: number,
    private readonly report: (second: number, skipped: number, perSecond: number) => void,
  ) {}

  /** Whether the request line at `time` (ms) with `status` is stored. */
  admit(time: number, status: unknown): boolean {
    const second = Math.floor(time / 1000);
    if (second !== this.second) {
      this.settle();
      this.second = second;
      this.used = 0;
    }
    if (typeof status === 'number' && status >= 500) return true;
    if (this.used < this.perSecond) {
      this.used += 1;
      return true;
    }
    this.skipped += 1;
    this.notKept += 1;
    return false;
  }

  /** Reports the lines left out so far (at the turn of a second, and before a flush). */
  settle(): void {
    if (this.skipped === 0) return;
    this.report(this.second * 1000, this.skipped, this.perSecond);
    this.skipped = 0;
  }
}
