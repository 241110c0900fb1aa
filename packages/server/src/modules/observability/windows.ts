/** Time windows of the observability queries: `since`/`until`/`timeRange` to milliseconds, and the step between points. */
import { errors } from '../../http/http-error';

const UNIT: Record<string, number> = { m: 60_000, h: 3_600_000 };

/** Milliseconds of `5m`, `1h`, … */
export function durationMs(text: string): number {
  const m = /^(\d+)([mh])$/.exec(text);
  if (!m) throw errors.badRequest('INVALID_QUERY', `Not a duration: ${text}.`);
  return Number(m[1]) * UNIT[m[2]];
}

/** An instant of the query in ms, or undefined. */
export function instant(text: string | undefined): number | undefined {
  return text === undefined ? undefined : Date.parse(text);
}

/** The window `[since, until)` a metrics query asks for. */
export function metricsWindow(q: { since?: string; until?: string; timeRange?: string }, now = Date.now()) {
  if (q.since !== undefined || q.until !== undefined) {
    const until = instant(q.until) ?? now;
    const since = instant(q.since) ?? until - 3_600_000;
    if (since >= until) throw errors.badRequest('INVALID_QUERY', '`since` must be before `until`.');
    return { since, until };
  }
  return { since: now - durationMs(q.timeRange ?? '1h'), until: now };
}

/** The step between points: `resolution`, or about 60 points over the window (at least one sample interval). */
export function stepOf(window: { since: number; until: number }, resolution: string | undefined, sampleMs: number) {
  if (resolution) return durationMs(resolution);
  return Math.max(sampleMs, Math.ceil((window.until - window.since) / 60));
}
