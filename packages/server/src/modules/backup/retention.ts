/**
 * Which backups the retention deletes: those created before the age limit, and the
 * completed ones beyond the newest `count` (failed backups hold no archive and go by age
 * only; backups still being written are never touched).
 */

/** A backup as the retention sees it. */
export interface RetainedBackup {
  id: string;
  status: string;
  created_at: string;
}

/** The retention of the schedule. */
export interface RetentionRule {
  /** Backups created before this instant (RFC 3339) go. */
  before: string;
  /** At most this many completed backups stay; null keeps any number. */
  count: number | null;
}

/** The ids of the backups `rule` deletes, oldest first. */
export function retentionVictims(backups: RetainedBackup[], rule: RetentionRule): string[] {
  const ended = backups.filter((b) => b.status === 'completed' || b.status === 'failed');
  const byAge = new Set(ended.filter((b) => b.created_at < rule.before).map((b) => b.id));
  const completed = ended
    .filter((b) => b.status === 'completed')
    .sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : a.id < b.id ? -1 : 1));
  const byCount = rule.count === null ? [] : completed.slice(rule.count).map((b) => b.id);
  const victims = new Set([...byAge, ...byCount]);
  return ended
    .filter((b) => victims.has(b.id))
    .sort((a, b) => (a.created_at < b.created_at ? -1 : 1))
    .map((b) => b.id);
}
