/**
 * A small pool of worker threads, each running QuickJS (`worker-main.ts`): function code
 * never runs on the server's event loop, so a busy or hostile function cannot stall HTTP.
 * Each worker runs one job at a time; jobs wait in a bounded queue. The engine enforces the
 * limits inside the worker; as a last resort the pool terminates a worker that has not
 * answered by its job's deadline plus a grace period, and replaces any worker whose run
 * hit a limit (its WebAssembly memory may have grown) or crashed.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { privateAddressCheck } from '../../../net/address-guard';
import { SANDBOX_PRELUDE } from './prelude';
import type { SandboxJob, SandboxOutcome, WorkerMessage } from './protocol';
import { sandboxWorkerMain, type WorkerBoot } from './worker-main';

/** Pool settings. */
export interface PoolOptions {
  /** Worker threads. @default 2 */
  size: number;
  /** Jobs waiting for a worker, at most; more answer SANDBOX_BUSY. @default 200 */
  maxQueue: number;
  /** Grace after a job's wall-clock limit before its worker is terminated. @default 2000 */
  killGraceMs: number;
}

const defaults: PoolOptions = { size: 2, maxQueue: 200, killGraceMs: 2000 };

interface Pending {
  job: SandboxJob;
  resolve: (outcome: SandboxOutcome) => void;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  current?: { id: number; pending: Pending; timer: NodeJS.Timeout | undefined; started: number };
}

function bootOf(): WorkerBoot {
  const require = createRequire(import.meta.url);
  return {
    corePath: require.resolve('quickjs-emscripten-core'),
    variantPath: require.resolve('@jitl/quickjs-wasmfile-release-sync'),
    wasmPath: require.resolve('@jitl/quickjs-wasmfile-release-sync/wasm'),
    prelude: SANDBOX_PRELUDE,
  };
}

// `__name` is what esbuild's keepNames wraps functions with; the worker has no such helper.
const WORKER_SOURCE = `const __name = (f) => f;
(${sandboxWorkerMain.toString()})(require, require('node:worker_threads').workerData, ${privateAddressCheck.toString()});`;

function failed(code: 'SANDBOX_CRASHED' | 'SANDBOX_BUSY' | 'TIMEOUT', error: string, started: number): SandboxOutcome {
  return {
    status: code === 'TIMEOUT' ? 'timeout' : 'error',
    errorCode: code,
    error,
    logs: [],
    durationMs: performance.now() - started,
    cpuMs: 0,
    memoryBytes: 0,
  };
}

/** Runs sandbox jobs on worker threads. */
export class SandboxPool {
  private readonly options: PoolOptions;
  private readonly slots: (Slot | undefined)[];
  private readonly queue: Pending[] = [];
  private readonly boot = bootOf();
  private nextId = 1;
  private closed = false;

  constructor(options: Partial<PoolOptions> = {}) {
    this.options = { ...defaults, ...options };
    this.slots = new Array(this.options.size).fill(undefined);
  }

  /** Runs one job; never throws (a crash or a full queue is an outcome). */
  run(job: SandboxJob): Promise<SandboxOutcome> {
    if (this.closed)
      return Promise.resolve(failed('SANDBOX_CRASHED', 'The server is shutting down.', performance.now()));
    if (this.queue.length >= this.options.maxQueue)
      return Promise.resolve(
        failed('SANDBOX_BUSY', 'Too many invocations are waiting; retry later.', performance.now()),
      );
    return new Promise((resolve) => {
      this.queue.push({ job, resolve });
      this.dispatch();
    });
  }

  /** Workers started now (for the benchmark and tests). */
  get liveWorkers(): number {
    return this.slots.filter(Boolean).length;
  }

  private dispatch(): void {
    for (let i = 0; i < this.slots.length && this.queue.length > 0; i++) {
      let slot = this.slots[i];
      if (slot?.current) continue;
      if (!slot) {
        slot = this.spawn(i);
        this.slots[i] = slot;
      }
      const pending = this.queue.shift() as Pending;
      this.start(slot, i, pending);
    }
  }

  private start(slot: Slot, index: number, pending: Pending): void {
    const id = this.nextId++;
    const started = performance.now();
    const current: NonNullable<Slot['current']> = { id, pending, started, timer: undefined };
    slot.current = current;
    slot.ready.then(
      () => {
        if (slot.current !== current) return;
        // The backstop starts when the worker gets the job: booting a worker is not the function's time.
        current.timer = setTimeout(() => {
          this.retire(index, slot);
          pending.resolve(
            failed(
              'TIMEOUT',
              `The function ran past its limit of ${pending.job.limits.timeoutMs} ms and was stopped.`,
              started,
            ),
          );
          this.dispatch();
        }, pending.job.limits.timeoutMs + this.options.killGraceMs);
        current.timer.unref();
        slot.worker.postMessage({ id, job: pending.job });
      },
      () => undefined,
    );
  }

  private spawn(index: number): Slot {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: this.boot,
      env: {},
      resourceLimits: { maxOldGenerationSizeMb: 128, stackSizeMb: 4 },
    });
    worker.unref();
    let markReady: () => void = () => undefined;
    const slot: Slot = { worker, ready: new Promise((resolve) => (markReady = resolve)) };
    worker.on('message', (message: WorkerMessage) => {
      if ('ready' in message) return markReady();
      const current = slot.current;
      if (!current || current.id !== message.id) return;
      clearTimeout(current.timer);
      slot.current = undefined;
      if (message.outcome.errorCode === 'SANDBOX_CRASHED') this.retire(index, slot);
      current.pending.resolve(message.outcome);
      this.dispatch();
    });
    const crashed = (reason: string) => {
      const current = slot.current;
      this.retire(index, slot);
      if (current) {
        clearTimeout(current.timer);
        current.pending.resolve(failed('SANDBOX_CRASHED', `The sandbox stopped: ${reason}`, current.started));
      }
      this.dispatch();
    };
    worker.on('error', (error) => crashed(error.message));
    worker.on('exit', (code) => crashed(`exit code ${code}`));
    return slot;
  }

  private retire(index: number, slot: Slot): void {
    if (this.slots[index] !== slot) return;
    this.slots[index] = undefined;
    slot.current = undefined;
    slot.worker.removeAllListeners('exit');
    void slot.worker.terminate();
  }

  /** Stops every worker; queued jobs end as crashed. */
  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0))
      pending.resolve(failed('SANDBOX_CRASHED', 'The server is shutting down.', performance.now()));
    await Promise.all(
      this.slots.map((slot, i) => {
        if (!slot) return undefined;
        const current = slot.current;
        this.retire(i, slot);
        if (current) {
          clearTimeout(current.timer);
          current.pending.resolve(failed('SANDBOX_CRASHED', 'The server is shutting down.', current.started));
        }
        return undefined;
      }),
    );
  }
}
