import pino from 'pino';

/** The server's structured logger: one JSON line per event. */
export type Logger = pino.Logger;

/** Something pino can write lines to (the observability module's log sink). */
export interface LogStream {
  write(line: string): void;
}

/**
 * A logger at `level` ('silent' writes nothing to stdout). With `keep`, lines at `keepLevel`
 * and above also go to that stream, whatever `level` is.
 */
export function createLogger(level: string, keep?: { stream: LogStream; level: string }): Logger {
  const base = { service: 'lockstep' };
  if (!keep) return pino({ level, base });
  const streams: pino.StreamEntry[] = [{ level: keep.level as pino.Level, stream: keep.stream }];
  if (level !== 'silent') streams.push({ level: level as pino.Level, stream: pino.destination(1) });
  const lowest = level === 'silent' ? keep.level : minLevel(level, keep.level);
  return pino({ level: lowest, base }, pino.multistream(streams));
}

function minLevel(a: string, b: string): string {
  const values = pino.levels.values;
  return (values[a] ?? 30) <= (values[b] ?? 30) ? a : b;
}
