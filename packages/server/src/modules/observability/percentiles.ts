/**
 * Percentiles of a bounded sample: a reservoir keeps at most `capacity` values of a window
 * (Vitter's algorithm R), so recording is O(1) and the memory fixed however busy the window.
 */

/** A fixed-size uniform sample of the values recorded since the last `reset`. */
export class Reservoir {
  private values: number[] = [];
  count = 0;
  sum = 0;

  constructor(private readonly capacity = 2048) {}

  /** Records one value. */
  add(value: number): void {
    this.count++;
    this.sum += value;
    if (this.values.length < this.capacity) this.values.push(value);
    else {
      const slot = Math.floor(Math.random() * this.count);
      if (slot < this.capacity) this.values[slot] = value;
    }
  }

  /** The `p`-th percentile (0-100) of the sample; 0 when empty. */
  percentile(p: number): number {
    if (this.values.length === 0) return 0;
    const sorted = [...this.values].sort((a, b) => a - b);
    return percentileOfSorted(sorted, p);
  }

  /** Several percentiles from one sort. */
  percentiles(ps: number[]): number[] {
    if (this.values.length === 0) return ps.map(() => 0);
    const sorted = [...this.values].sort((a, b) => a - b);
    return ps.map((p) => percentileOfSorted(sorted, p));
  }

  /** The mean of every recorded value; 0 when none. */
  mean(): number {
    return this.count === 0 ? 0 : this.sum / this.count;
  }

  /** Forgets everything. */
  reset(): void {
    this.values = [];
    this.count = 0;
    this.sum = 0;
  }
}

/** The nearest-rank percentile of an ascending array. */
export function percentileOfSorted(sorted: number[], p: number): number {
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}
