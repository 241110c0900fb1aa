import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createLogger, createRequestLog, type LogStream, type RequestLine, requestLineJson } from './log';

/** What pino itself writes for `line` at info with the server's base, at `time`. */
function pinoLine(time: number, line: RequestLine): string {
  const written: string[] = [];
  const capture = { write: (text: string) => void written.push(text) };
  const logger = pino({ level: 'info', base: { service: 'lockstep' }, timestamp: () => `,"time":${time}` }, capture);
  logger.info(line, 'request');
  return written.join('');
}

const lines: RequestLine[] = [
  { requestId: '0b7a3c1e-7d2f-4a51-9c3e-1f2a3b4c5d6e', method: 'GET', path: '/health', status: 200, ms: 0 },
  { requestId: 'client "id" \\ with quotes', method: 'POST', path: '/rest/v1/notes', status: 201, ms: 12 },
  { requestId: 'x\u0000y\n\t\u001f', method: 'DELETE', path: '/storage/v1/ünï/cødé/✓', status: 404, ms: 3 },
  { requestId: '<script>', method: 'PATCH', path: '/a/%22b%22', status: 500, ms: 1234 },
  { requestId: 'pair \ud83d\ude00', method: 'GET', path: '/\u007f\u2028', status: 200, ms: 7 },
];

describe('requestLineJson', () => {
  it.each(lines)('writes the line pino writes: $path', (line) => {
    const time = 1_780_000_000_123;
    expect(requestLineJson(time, line)).toBe(pinoLine(time, line));
    expect(JSON.parse(requestLineJson(time, line))).toEqual({
      level: 30,
      time,
      service: 'lockstep',
      ...line,
      msg: 'request',
    });
  });
  it('escapes a lone surrogate as JSON.stringify does (pino writes it raw, which UTF-8 cannot hold)', () => {
    const line = { ...lines[0], requestId: 'lone \ud800 and \udfff' };
    expect(requestLineJson(1, line)).toContain(`"requestId":${JSON.stringify(line.requestId)}`);
    expect(JSON.parse(requestLineJson(1, line)).requestId).toBe(line.requestId);
  });
});

describe('createRequestLog', () => {
  it('hands the kept copy the line as given, at the time it wrote', () => {
    const kept: [number, Record<string, unknown>, string][] = [];
    const stream: LogStream = {
      write: () => undefined,
      keepInfo: (time, fields, msg) => kept.push([time, fields, msg]),
    };
    const keep = { stream, level: 'info' };
    const log = createRequestLog(createLogger('silent', keep), 'silent', keep);
    log.request(lines[0]);
    expect(kept).toEqual([[expect.any(Number), lines[0], 'request']]);
  });

  it('sends the line through the logger to a kept stream that takes only whole lines', () => {
    const written: string[] = [];
    const keep = { stream: { write: (text: string) => void written.push(text) }, level: 'info' };
    createRequestLog(createLogger('silent', keep), 'silent', keep).request(lines[1]);
    expect(JSON.parse(written[0])).toMatchObject({ ...lines[1], msg: 'request' });
  });

  it('keeps nothing when the kept stream takes only warnings and above', () => {
    const kept: unknown[] = [];
    const stream: LogStream = { write: () => kept.push('line'), keepInfo: () => kept.push('info') };
    const keep = { stream, level: 'warn' };
    createRequestLog(createLogger('silent', keep), 'silent', keep).request(lines[0]);
    expect(kept).toEqual([]);
  });
});
