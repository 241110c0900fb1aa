/** Set-up shared by the observability suites: a server sampling fast, and an SSE reader. */
import { basename } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { flushCoverage } from './harness/coverage';
import { contextOf, type SuiteContext } from './harness/suite';
import { selectedTargets, startTarget, type Target, type TargetName } from './harness/targets';

/** Options of a server whose metrics, alerts and streams move within a test's time. */
export const fastObservability = {
  observability: {
    metricsIntervalMs: 200,
    alertMinuteMs: 400,
    slowQueryMs: 25,
    sseKeepAliveMs: 300,
    sseRecheckMs: 200,
  },
};

/** A server target with `fastObservability`. */
export function startFastTarget(name: TargetName): Promise<Target> {
  return startTarget(name, fastObservability);
}

/** Waits `ms`. */
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it answers something truthy, or fails after `ms`. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, ms = 4000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error('condition not met in time');
    await sleep(100);
  }
}

/** Reads an SSE body as text as it arrives. */
export class SseReader {
  text = '';
  ended = false;
  private readonly done: Promise<void>;

  constructor(body: ReadableStream<Uint8Array>) {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    this.done = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        this.text += decoder.decode(value, { stream: true });
      }
      this.ended = true;
    })().catch(() => {
      this.ended = true;
    });
    this.cancel = () => reader.cancel().catch(() => undefined);
  }

  cancel: () => Promise<unknown>;

  /** Waits until the text holds `needle`. */
  waitFor(needle: string, ms = 3000): Promise<true> {
    return eventually(async () => this.text.includes(needle), ms);
  }

  /** Waits until the server ends the stream. */
  async waitForEnd(ms = 3000): Promise<void> {
    await Promise.race([this.done, eventually(async () => this.ended, ms)]);
  }
}

/**
 * Like `contractSuite`, on the in-process server targets only, each started once with
 * `fastObservability` (a suite with the default options would start a second server it
 * does not use). Coverage is recorded and flushed as `contractSuite` does.
 */
export function fastSuite(file: string, name: string, body: (t: SuiteContext, targetName: TargetName) => void): void {
  const fileTag = basename(file).replace(/\.test\.ts$/, '');
  for (const targetName of selectedTargets().filter((n) => n === 'sqlite' || n === 'postgres')) {
    describe(`${name} [${targetName}]`, () => {
      let target: Target | undefined;
      const t = {} as SuiteContext;
      beforeAll(async () => {
        target = await startFastTarget(targetName);
        Object.defineProperties(t, Object.getOwnPropertyDescriptors(contextOf(target)));
      });
      afterAll(async () => {
        flushCoverage(fileTag);
        await target?.stop();
      });
      body(t, targetName);
    });
  }
}
