/**
 * The live log stream (SSE): each new entry at the asked level and module as
 * `event: log`, a `: keep-alive` comment after a quiet interval, and the end of the stream
 * when the client goes away or its credential stops being valid (session revoked, key
 * deleted, token expired), checked every few seconds.
 */
import { entryView, type LogLevel, levelRank } from './entry';
import type { LogSink } from './sink';

/** What one stream needs. */
export interface LogStreamOptions {
  sink: LogSink;
  level?: LogLevel;
  module?: string;
  keepAliveMs: number;
  recheckMs: number;
  /** Resolves while the caller's credential is still valid; rejects when not. */
  stillValid: () => Promise<unknown>;
  /** The request's signal: aborted when the client goes away. */
  signal: AbortSignal;
}

/** The SSE body. */
export function logEventStream(o: LogStreamOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const minRank = o.level ? levelRank(o.level) : 0;
  let stop = () => {};
  return new ReadableStream({
    start(controller) {
      let quietSince = Date.now();
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop();
        }
      };
      const unlisten = o.sink.listen((e) => {
        if (levelRank(e.level) < minRank || (o.module && e.module !== o.module)) return;
        quietSince = Date.now();
        send(`event: log\nid: ${e.seq}\ndata: ${JSON.stringify(entryView(e))}\n\n`);
      });
      const keepAlive = setInterval(
        () => {
          if (Date.now() - quietSince >= o.keepAliveMs - 5) {
            quietSince = Date.now();
            send(': keep-alive\n\n');
          }
        },
        Math.min(o.keepAliveMs, 1000),
      );
      keepAlive.unref();
      const recheck = setInterval(() => {
        o.stillValid().catch(() => {
          stop();
          try {
            controller.close();
          } catch {}
        });
      }, o.recheckMs);
      recheck.unref();
      stop = () => {
        unlisten();
        clearInterval(keepAlive);
        clearInterval(recheck);
      };
      o.signal.addEventListener('abort', () => stop(), { once: true });
      send(': connected\n\n');
    },
    cancel() {
      stop();
    },
  });
}
