/**
 * Server targets with a storage backend: local files, or S3 through the one s3rver fixture
 * (`@lockstep/server/test-support`) started for the target. `LOCKSTEP_TEST_STORAGE=local`
 * (or `s3`) narrows the backends; the default is both.
 */
import { startS3rver } from '@lockstep/server/test-support';
import { startTarget, type Target, type TargetName } from './targets';

/** Where a suite's server keeps file bytes. */
export type StorageBackendName = 'local' | 's3';

/** The backends this run covers. @default local and s3 */
export function storageBackends(): StorageBackendName[] {
  const names = (process.env.LOCKSTEP_TEST_STORAGE ?? 'local,s3').split(',').map((n) => n.trim());
  return names.filter((n): n is StorageBackendName => n === 'local' || n === 's3');
}

/** A server target with its storage backend; `stopStore` takes its s3rver away (tests of 503). */
export type StorageTarget = Target & { stopStore?: () => Promise<void> };

/** Starts a server target with the given storage backend; `stop` also stops its s3rver. */
export async function startStorageTarget(
  name: TargetName,
  backend: StorageBackendName,
  overrides: Record<string, unknown> = {},
): Promise<StorageTarget> {
  if (backend === 'local' || name === 'url') return startTarget(name, overrides);
  const s3 = await startS3rver(`lockstep-${process.pid}-${Date.now().toString(36)}`);
  let stopped: Promise<void> | undefined;
  const stopStore = () => {
    stopped ??= s3.stop();
    return stopped;
  };
  const target = await startTarget(name, { storageBackend: 's3', s3: s3.options, ...overrides });
  return {
    ...target,
    stopStore,
    stop: async () => {
      await target.stop();
      await stopStore();
    },
  };
}
