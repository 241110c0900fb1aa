/**
 * Runs a contract suite once per selected target (and, for storage suites, per storage
 * backend): starts the target before the suite, stops it after, and writes the coverage the
 * suite proved.
 */
import { basename } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { type Api, api, type Caller, type RawApi } from './api';
import { checkedFetch } from './checked-fetch';
import { flushCoverage } from './coverage';
import { type StorageBackendName, startStorageTarget, storageBackends } from './storage-target';
import { selectedTargets, type Target, type TargetName } from './targets';
import type { TypedCall } from './typed-call';

/** What a suite body gets: the target, the typed caller and the escape hatch, available inside tests. */
export interface SuiteContext extends Caller {
  readonly target: Target;
  /** The storage backend the target runs on (`local` unless the suite has `storage: true`). */
  readonly backend: StorageBackendName;
  /** Sends a raw request through the spec-checking fetch (multipart, binary). */
  send(request: Request): Promise<Response>;
  /** @deprecated the untyped client of old suites: use `call`, or `raw` for negative tests. */
  readonly client: Api;
}

/** Where a suite runs, beyond SQLite and PostgreSQL. */
export interface SuiteOptions {
  /** Also run on the msw mocks (the suite needs no state). @default false */
  stateless?: boolean;
  /** Also run on the real-socket `http` target. @default false */
  overHttp?: boolean;
  /** Run on every storage backend (local files, S3), never on the mocks or `http`. @default false */
  storage?: boolean;
}

interface Started {
  target: Target;
  client: Api;
  send: (request: Request) => Promise<Response>;
}

/** The targets and backends a suite with `options` runs on, as `[target, backend]` pairs. */
export function suiteRuns(options: SuiteOptions): [TargetName, StorageBackendName][] {
  const targets = selectedTargets().filter((t) =>
    options.storage
      ? t !== 'mocks' && t !== 'http'
      : (t !== 'mocks' || options.stateless) && (t !== 'http' || options.overHttp),
  );
  return targets.flatMap((t) =>
    options.storage && t !== 'url'
      ? storageBackends()
          .filter((b) => b === 'local' || onS3(t))
          .map((b) => [t, b] as [TargetName, StorageBackendName])
      : [[t, 'local'] as [TargetName, StorageBackendName]],
  );
}

/**
 * The storage backend does not depend on the database engine: S3 runs with PostgreSQL only
 * (the deployment that uses it), unless PostgreSQL is not selected. Halves the storage suites.
 */
function onS3(target: TargetName): boolean {
  return target === 'postgres' || !selectedTargets().includes('postgres');
}

function context(backend: StorageBackendName, started: () => Started): SuiteContext {
  return {
    backend,
    get target() {
      return started().target;
    },
    get client() {
      return started().client;
    },
    get call(): TypedCall {
      return started().client.call;
    },
    get raw(): RawApi {
      return started().client.raw;
    },
    send: (request) => started().send(request),
  };
}

/** The context of a target a test started itself (servers configured for one test). */
export function contextOf(target: Target, backend: StorageBackendName = 'local'): SuiteContext {
  const state: Started = { target, client: api(target), send: checkedFetch(target) };
  return context(backend, () => state);
}

/**
 * Declares `body` as a suite run against every selected target: the mocks only run
 * `stateless` suites, the real-socket `http` target only `overHttp` ones, and `storage`
 * suites run on the server targets once per storage backend.
 * @example
 * contractSuite(import.meta.filename, 'health', (t) => {
 *   it('answers', async () => expect((await t.call('getHealth')).status).toBe(200));
 * });
 */
export function contractSuite(
  file: string,
  name: string,
  body: (ctx: SuiteContext, targetName: TargetName) => void,
  options: SuiteOptions = {},
): void {
  const fileTag = basename(file).replace(/\.test\.ts$/, '');
  for (const [targetName, backend] of suiteRuns(options)) {
    const label = options.storage ? `${targetName}, ${backend}` : targetName;
    describe(`${name} [${label}]`, () => {
      let state: Started | undefined;
      const started = () => {
        if (!state) throw new Error('target not started');
        return state;
      };
      beforeAll(async () => {
        const target = await startStorageTarget(targetName, backend);
        state = { target, client: api(target), send: checkedFetch(target) };
      });
      afterAll(async () => {
        flushCoverage(fileTag);
        await state?.target.stop();
      });
      body(context(backend, started), targetName);
    });
  }
}
