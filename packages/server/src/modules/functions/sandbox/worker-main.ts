/**
 * The body of a sandbox worker thread: it loads QuickJS (WebAssembly) once, then runs each
 * job in a fresh QuickJS runtime with the engine's own limits: a heap limit
 * (`setMemoryLimit`), a stack limit, and an interrupt handler that stops the interpreter
 * past the CPU budget or the wall-clock deadline. User code sees only what `prelude.ts`
 * gives it; `fetch` is checked here against the function's allow-list and private networks,
 * and sent through node:http(s) with a lookup that checks the addresses it connects to.
 *
 * Self-contained on purpose (no imports, no helpers outside): the pool runs this function's
 * source text in an `eval` worker (`pool.ts`), the way `data/sqlite-child.ts` runs its child,
 * and passes it the source of the one private-address check (`net/address-guard.ts`).
 */
import type { QuickJSContext, QuickJSDeferredPromise, QuickJSHandle, QuickJSRuntime } from 'quickjs-emscripten-core';
import type { privateAddressCheck } from '../../../net/address-guard';
import type { JobMessage, SandboxJob, SandboxLog, SandboxOutcome } from './protocol';

/** What the worker is given. */
export interface WorkerBoot {
  corePath: string;
  variantPath: string;
  /** The QuickJS WebAssembly file, compiled once per worker. */
  wasmPath: string;
  prelude: string;
}

export function sandboxWorkerMain(
  req: (id: string) => any,
  boot: WorkerBoot,
  addressCheck: typeof privateAddressCheck,
): void {
  const { parentPort } = req('node:worker_threads');
  const dns = req('node:dns');
  const net = req('node:net');
  const http = req('node:http');
  const https = req('node:https');
  const zlib = req('node:zlib');
  const core = req(boot.corePath);
  const variantModule = req(boot.variantPath);

  const isPrivate = addressCheck(net);

  const hostAllowed = (host: string, allowed: string[]): boolean =>
    allowed.some((entry) => entry === host || (entry.startsWith('*.') && host.endsWith(entry.slice(1))));

  const refusal = (host: string) =>
    new Error(`fetch: host ${host} resolves to a private, loopback or link-local address`);

  /** Checks what can be checked before connecting: the URL, its protocol, the allow-list, an IP literal. */
  const checkUrl = (raw: string, job: SandboxJob): URL => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new Error(`fetch: invalid URL: ${raw.slice(0, 200)}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new Error(`fetch: protocol ${url.protocol} is not allowed`);
    const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
    if (!hostAllowed(host, job.fetch.allowedHosts))
      throw new Error(`fetch: host ${host} is not in this function's allowed_hosts`);
    if (!job.fetch.allowPrivateNetwork && net.isIP(host) && isPrivate(host)) throw refusal(host);
    return url;
  };

  /**
   * The connection's own name lookup: the addresses checked are the addresses connected to, so
   * a name cannot answer a public address to a check and a private one to the connection
   * (DNS rebinding).
   */
  const guardedLookup = (hostname: string, options: { all?: boolean; family?: number }, callback: any) => {
    dns.lookup(hostname, { family: options.family ?? 0, all: true }, (error: Error | null, addresses: any[]) => {
      if (error) return callback(error, []);
      if (addresses.some((a) => isPrivate(a.address))) return callback(refusal(hostname), []);
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };

  /** The decoder for a compressed answer (as `fetch` would decode it), or undefined. */
  const decoderFor = (encoding: string | undefined) => {
    const name = (encoding ?? '').trim().toLowerCase();
    if (name === 'gzip' || name === 'x-gzip') return zlib.createGunzip();
    if (name === 'deflate') return zlib.createInflate();
    if (name === 'br') return zlib.createBrotliDecompress();
    return undefined;
  };

  interface FetchAnswer {
    status: number;
    statusText: string;
    headers: Record<string, string>;
    body: string;
  }

  /** One HTTP request through node:http(s) (redirects are not followed), its body capped at `max` bytes once decoded. */
  const send = (url: URL, init: any, job: SandboxJob, signal: AbortSignal, max: number): Promise<FetchAnswer> =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(init.headers ?? {})) headers[String(k)] = String(v);
      const client = url.protocol === 'https:' ? https : http;
      const request = client.request(
        url,
        {
          method: init.method ?? 'GET',
          headers,
          signal,
          lookup: job.fetch.allowPrivateNetwork ? undefined : guardedLookup,
        },
        (response: any) => {
          const decoder = decoderFor(response.headers['content-encoding']);
          const stream = decoder ? response.pipe(decoder) : response;
          const chunks: Buffer[] = [];
          let size = 0;
          stream.on('data', (chunk: Buffer) => {
            size += chunk.byteLength;
            if (size > max) {
              request.destroy();
              reject(new Error(`fetch: the response is larger than ${max} bytes`));
            } else chunks.push(chunk);
          });
          stream.on('error', reject);
          stream.on('end', () => {
            const answerHeaders: Record<string, string> = {};
            for (const [k, v] of Object.entries(response.headers))
              if (v !== undefined) answerHeaders[k] = Array.isArray(v) ? v.join(', ') : String(v);
            resolve({
              status: response.statusCode,
              statusText: response.statusMessage ?? '',
              headers: answerHeaders,
              body: Buffer.concat(chunks).toString('utf8'),
            });
          });
        },
      );
      request.on('error', reject);
      request.end(init.body ?? undefined);
    });

  const run = async (quickjs: any, job: SandboxJob): Promise<SandboxOutcome> => {
    const started = performance.now();
    const wallDeadline = started + job.limits.timeoutMs;
    let cpuUsed = 0;
    let sliceStart = 0;
    let stopped: 'TIMEOUT' | 'CPU_LIMIT' | undefined;
    let alive = true;
    let fetches = 0;
    let logChars = 0;
    let logsDropped = false;
    const logs: SandboxLog[] = [];
    const deferreds = new Set<QuickJSDeferredPromise>();
    const timers = new Set<NodeJS.Timeout>();
    const aborts = new Set<AbortController>();
    let wake: (() => void) | undefined;
    const pokeLoop = () => wake?.();

    const runtime: QuickJSRuntime = quickjs.newRuntime();
    runtime.setMemoryLimit(job.limits.memoryBytes);
    runtime.setMaxStackSize(1024 * 1024);
    runtime.setInterruptHandler(() => {
      if (stopped) return true;
      const now = performance.now();
      if (now > wallDeadline) stopped = 'TIMEOUT';
      else if (cpuUsed + (now - sliceStart) > job.limits.cpuMs) stopped = 'CPU_LIMIT';
      return stopped !== undefined;
    });
    const ctx: QuickJSContext = runtime.newContext();
    const inVm = <T>(step: () => T): T => {
      sliceStart = performance.now();
      try {
        return step();
      } finally {
        cpuUsed += performance.now() - sliceStart;
      }
    };

    const addLog = (level: SandboxLog['level'], message: string) => {
      if (logsDropped) return;
      if (logs.length >= job.limits.maxLogLines || logChars + message.length > job.limits.maxLogChars) {
        logsDropped = true;
        logs.push({
          level: 'warn',
          message: 'Log output truncated: the limit of one invocation was reached.',
          at: Date.now(),
        });
        return;
      }
      logChars += message.length;
      logs.push({ level, message, at: Date.now() });
    };

    const hostPromise = (work: () => Promise<string>): QuickJSHandle => {
      const deferred = ctx.newPromise();
      deferreds.add(deferred);
      work().then(
        (text) => {
          if (!alive) return;
          deferreds.delete(deferred);
          inVm(() => {
            const value = ctx.newString(text);
            deferred.resolve(value);
            value.dispose();
          });
          deferred.dispose();
          pokeLoop();
        },
        (error: unknown) => {
          if (!alive) return;
          deferreds.delete(deferred);
          inVm(() => {
            const value = ctx.newError(error instanceof Error ? error.message : String(error));
            deferred.reject(value);
            value.dispose();
          });
          deferred.dispose();
          pokeLoop();
        },
      );
      return deferred.handle;
    };

    const install = (name: string, fn: (...args: QuickJSHandle[]) => QuickJSHandle | undefined) => {
      const handle = ctx.newFunction(name, fn);
      ctx.setProp(ctx.global, name, handle);
      handle.dispose();
    };
    install('__ls_log', (level, message) => {
      const name = ctx.getString(level);
      const text = ctx.getString(message);
      const known = name === 'debug' || name === 'warn' || name === 'error' ? name : 'info';
      addLog(known, text.length > 8192 ? `${text.slice(0, 8192)}… (truncated)` : text);
      return undefined;
    });
    install('__ls_sleep', (ms) => {
      if (timers.size >= 1000) throw new Error('setTimeout: more than 1000 timers pending');
      const wait = Math.min(ctx.getNumber(ms), Math.max(0, wallDeadline - performance.now()) + 1000);
      return hostPromise(
        () =>
          new Promise((resolve) => {
            const timer = setTimeout(() => {
              timers.delete(timer);
              resolve('');
            }, wait);
            timers.add(timer);
          }),
      );
    });
    install('__ls_fetch', (urlHandle, initHandle) => {
      const raw = ctx.getString(urlHandle);
      const init = JSON.parse(ctx.getString(initHandle));
      return hostPromise(async () => {
        fetches += 1;
        if (fetches > job.limits.maxFetches) throw new Error(`fetch: more than ${job.limits.maxFetches} requests`);
        const url = checkUrl(raw, job);
        const abort = new AbortController();
        aborts.add(abort);
        const timer = setTimeout(() => abort.abort(), Math.max(1, wallDeadline - performance.now()));
        try {
          return JSON.stringify(await send(url, init, job, abort.signal, 5 * 1024 * 1024));
        } finally {
          clearTimeout(timer);
          aborts.delete(abort);
        }
      });
    });

    const finish = (partial: Omit<SandboxOutcome, 'logs' | 'durationMs' | 'cpuMs' | 'memoryBytes'>): SandboxOutcome => {
      alive = false;
      for (const t of timers) clearTimeout(t);
      for (const a of aborts) a.abort();
      let memoryBytes = 0;
      try {
        const usage = runtime.computeMemoryUsage();
        memoryBytes = Number(ctx.dump(usage).memory_used_size ?? 0);
        usage.dispose();
      } catch {
        // Out of memory: the usage object could not be made.
      }
      // Disposing also checks for leaks, which a run stopped mid-way may have (QuickJS then
      // aborts and the instance is unusable), so only clean runs are disposed; the instance of
      // any other run is dropped whole.
      let dirty = true;
      if (!stopped && partial.errorCode !== 'MEMORY_LIMIT' && partial.errorCode !== 'SANDBOX_CRASHED') {
        try {
          for (const d of deferreds) d.dispose();
          ctx.dispose();
          runtime.dispose();
          dirty = false;
        } catch {
          // A leak inside the instance: it is dropped.
        }
      }
      return {
        ...partial,
        recycle: dirty,
        logs,
        durationMs: performance.now() - started,
        cpuMs: cpuUsed,
        memoryBytes,
      };
    };

    const errorText = (handle: QuickJSHandle): string => {
      try {
        const value = ctx.dump(handle);
        if (value && typeof value === 'object' && 'message' in value)
          return `${value.name ? `${value.name}: ` : ''}${value.message}`;
        return typeof value === 'string' ? value : JSON.stringify(value);
      } catch {
        return 'The function failed.';
      }
    };

    const failure = (message: string): SandboxOutcome => {
      if (stopped === 'TIMEOUT')
        return finish({
          status: 'timeout',
          errorCode: 'TIMEOUT',
          error: `The function ran past its limit of ${job.limits.timeoutMs} ms.`,
        });
      if (stopped === 'CPU_LIMIT')
        return finish({
          status: 'timeout',
          errorCode: 'CPU_LIMIT',
          error: `The function used more than ${job.limits.cpuMs} ms of CPU time.`,
        });
      if (/out of memory/i.test(message))
        return finish({
          status: 'error',
          errorCode: 'MEMORY_LIMIT',
          error: `The function ran out of memory (limit ${Math.round(job.limits.memoryBytes / 1048576)} MiB).`,
        });
      return finish({ status: 'error', errorCode: 'FUNCTION_ERROR', error: message });
    };

    try {
      const prelude = inVm(() => ctx.evalCode(boot.prelude, 'prelude.js', { type: 'global' }));
      if (prelude.error) {
        const message = errorText(prelude.error);
        prelude.error.dispose();
        return failure(message);
      }
      prelude.value.dispose();
      const evaluated = inVm(() => ctx.evalCode(job.code, 'function.js', { type: 'module' }));
      if (evaluated.error) {
        const message = errorText(evaluated.error);
        evaluated.error.dispose();
        return failure(message);
      }
      const exportsPromise = evaluated.value;
      const call = ctx.getProp(ctx.global, '__ls_call');
      const args = [
        exportsPromise,
        ctx.newString(job.payloadJson),
        ctx.newString(job.contextJson),
        ctx.newNumber(job.limits.maxResultBytes),
      ];
      const called = inVm(() => ctx.callFunction(call, ctx.undefined, args));
      for (const a of args) a.dispose();
      call.dispose();
      if (called.error) {
        const message = errorText(called.error);
        called.error.dispose();
        return failure(message);
      }
      const promise = called.value;
      for (;;) {
        // In batches: a job without loops never reaches the interrupt handler, so the budget
        // is also checked between batches (a fork bomb of promises is all such jobs).
        const jobs = inVm(() => runtime.executePendingJobs(500));
        const now = performance.now();
        if (!stopped && now > wallDeadline) stopped = 'TIMEOUT';
        else if (!stopped && cpuUsed > job.limits.cpuMs) stopped = 'CPU_LIMIT';
        if (jobs.error) {
          const message = errorText(jobs.error);
          jobs.error.dispose();
          if (stopped || /out of memory/i.test(message)) {
            promise.dispose();
            return failure(message);
          }
        }
        const state = ctx.getPromiseState(promise);
        if (state.type === 'fulfilled') {
          const value = state.value;
          const kind = ctx.typeof(value);
          const text = kind === 'string' ? ctx.getString(value) : undefined;
          value.dispose();
          promise.dispose();
          if (text === undefined || text.length > job.limits.maxResultBytes)
            return finish({
              status: 'error',
              errorCode: 'OUTPUT_TOO_LARGE',
              error: `The result is larger than ${job.limits.maxResultBytes} bytes of JSON.`,
            });
          return finish({ status: 'success', resultJson: text });
        }
        if (state.type === 'rejected') {
          const message = errorText(state.error);
          state.error.dispose();
          promise.dispose();
          return failure(message);
        }
        if (stopped) {
          promise.dispose();
          return failure('interrupted');
        }
        if (runtime.hasPendingJob()) continue;
        if (deferreds.size === 0) {
          promise.dispose();
          return finish({
            status: 'error',
            errorCode: 'FUNCTION_ERROR',
            error: 'The function returned a promise that can never settle.',
          });
        }
        const remaining = wallDeadline - performance.now();
        if (remaining <= 0) {
          stopped = 'TIMEOUT';
          promise.dispose();
          return failure('timeout');
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, remaining);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
    } catch (error) {
      return finish({
        status: 'error',
        errorCode: 'SANDBOX_CRASHED',
        error: `The sandbox failed: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  };

  // One compiled module per worker. An instance has its own WebAssembly memory capped at a
  // run's memory limit, so the engine cannot allocate past it; each run gets a fresh QuickJS
  // runtime in it (no object crosses runtimes). An instance is reused after a clean run and
  // dropped after a run that was stopped or ran out of memory (its runtime may be left half-freed).
  const wasmModule = new WebAssembly.Module(req('node:fs').readFileSync(boot.wasmPath));
  const baseVariant = variantModule.default ?? variantModule;
  const silent = { print: () => undefined, printErr: () => undefined };
  const instanceFor = (memoryBytes: number): Promise<any> => {
    const pages = Math.max(256, Math.ceil(memoryBytes / 65536));
    const wasmMemory = new WebAssembly.Memory({ initial: 256, maximum: pages });
    return core.newQuickJSWASMModuleFromVariant(
      core.newVariant(baseVariant, { wasmModule, wasmMemory, emscriptenModule: silent }),
    );
  };
  const idle = new Map<number, Promise<any>>();
  const take = (memoryBytes: number): Promise<any> => {
    const ready = idle.get(memoryBytes) ?? instanceFor(memoryBytes);
    idle.delete(memoryBytes);
    return ready;
  };
  const giveBack = (memoryBytes: number, instance: Promise<any>) => {
    if (idle.size >= 4) idle.delete(idle.keys().next().value as number);
    idle.set(memoryBytes, instance);
  };

  let chain = Promise.resolve();
  parentPort.on('message', (message: JobMessage) => {
    chain = chain.then(async () => {
      const { memoryBytes } = message.job.limits;
      const instance = take(memoryBytes);
      const outcome = await run(await instance, message.job);
      const dirty = outcome.recycle === true;
      outcome.recycle = undefined;
      parentPort.postMessage({ id: message.id, outcome });
      giveBack(memoryBytes, dirty ? instanceFor(memoryBytes) : instance);
    });
  });
  const first = instanceFor(128 * 1024 * 1024);
  giveBack(128 * 1024 * 1024, first);
  first.then(() => parentPort.postMessage({ ready: true }));
}
