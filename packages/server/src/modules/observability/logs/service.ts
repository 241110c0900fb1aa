/** The rules of reading kept logs: every read first flushes the sink, so it sees each line written before it. */
import type { ObservabilityOptions } from '../options';
import { entryView, type LogLevel } from './entry';
import { exportStream } from './export';
import type { LogSink } from './sink';
import type { LogFilter, LogsStore } from './store';
import { logEventStream } from './stream';

/** What a live stream asks for, besides the sink and the keep-alive timings. */
export interface LiveLogRequest {
  level?: LogLevel;
  module?: string;
  /** Resolves while the caller's credential is still valid; rejects when not. */
  stillValid: () => Promise<unknown>;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
}

/** Kept logs as the handlers read them: pages, modules, exports and the live stream. */
export class LogsService {
  constructor(
    private readonly sink: LogSink,
    private readonly store: LogsStore,
    private readonly options: Pick<ObservabilityOptions, 'sseKeepAliveMs' | 'sseRecheckMs'>,
  ) {}

  /** One page of entries, newest first, with the total matching and every module. */
  async page(filter: LogFilter, limit: number, offset: number) {
    await this.sink.flush();
    const [{ entries, total }, modules] = await Promise.all([
      this.store.page(filter, limit, offset),
      this.store.modules(),
    ]);
    return { logs: entries.map(entryView), total, modules };
  }

  /** Every module that wrote a kept line. */
  async modules(): Promise<string[]> {
    await this.sink.flush();
    return this.store.modules();
  }

  /** The window's entries as a streamed JSON array or CSV. */
  async export(filter: LogFilter, format: 'json' | 'csv'): Promise<ReadableStream<Uint8Array>> {
    await this.sink.flush();
    return exportStream(this.store, filter, format);
  }

  /** The SSE body of new entries at `level` and `module`. */
  live(request: LiveLogRequest): ReadableStream<Uint8Array> {
    return logEventStream({
      sink: this.sink,
      ...request,
      keepAliveMs: this.options.sseKeepAliveMs,
      recheckMs: this.options.sseRecheckMs,
    });
  }
}
