import pino from 'pino';

/** The server's structured logger: one JSON line per event. */
export type Logger = pino.Logger;

/** A logger at `level` ('silent' writes nothing). */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'lockstep' } });
}
