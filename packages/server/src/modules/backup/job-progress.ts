/** Writes a job's progress to its row at most twice a second, so the dashboard's one-second polling sees it move. */
import type { BackupStore } from './store';

/** A throttled progress reporter for job `id`. */
export function progressReporter(store: BackupStore, id: string): (percent: number) => void {
  let last = 0;
  let shown = -1;
  return (percent) => {
    const rounded = Math.min(99, Math.floor(percent));
    const now = Date.now();
    if (rounded === shown || now - last < 500) return;
    last = now;
    shown = rounded;
    void store.updateJob(id, { progress: rounded }).catch(() => undefined);
  };
}
