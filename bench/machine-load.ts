/**
 * How busy the machine is before a measurement: the share of every core's time other
 * processes took over a short window (Linux `/proc/stat`). The side-by-side ratios hold on a
 * busy machine only as long as the load stays even; a stray server left running (an idle
 * reference server takes ~2% of a core with its periodic work, so six of them took an eighth
 * of the machine) once moved a whole run. The bench prints this first, and warns above 10%.
 */
import { readFileSync } from 'node:fs';

/** The aggregate `cpu` line's counters: time spent idle (idle + iowait) and in all. */
export interface CpuTimes {
  idle: number;
  total: number;
}

/** The first line of `/proc/stat` (`cpu  user nice system idle iowait irq softirq steal ...`) as counters. */
export function cpuTimes(stat: string): CpuTimes {
  const line = stat.split('\n', 1)[0];
  if (!line.startsWith('cpu ')) throw new Error(`not a /proc/stat cpu line: ${line}`);
  const fields = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = fields.reduce((sum, n) => sum + n, 0);
  return { idle: fields[3] + (fields[4] ?? 0), total };
}

/** The share (0–1) of the machine's time that was not idle between two readings. */
export function busyShare(before: CpuTimes, after: CpuTimes): number {
  const total = after.total - before.total;
  return total <= 0 ? 0 : 1 - (after.idle - before.idle) / total;
}

/** The machine's busy share over `ms`, or undefined where `/proc/stat` cannot be read. */
export async function machineBusy(ms = 1000): Promise<number | undefined> {
  try {
    const before = cpuTimes(readFileSync('/proc/stat', 'utf8'));
    await new Promise((resolve) => setTimeout(resolve, ms));
    return busyShare(before, cpuTimes(readFileSync('/proc/stat', 'utf8')));
  } catch {
    return undefined;
  }
}
