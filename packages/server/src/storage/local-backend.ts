/**
 * The default backend: files under `<dataDir>/storage/<bucket>/<key>`. Uploads are written
 * under `<dataDir>/storage/.staging/` and renamed into place (same file system, so the
 * rename is atomic). Every path is checked twice: the key against the traversal rules, and
 * the resolved path (and its real parent directory) against the bucket's root.
 */
import { randomUUID } from 'node:crypto';
import { constants, createWriteStream, type Dirent, type WriteStream } from 'node:fs';
import { copyFile, mkdir, open, readdir, realpath, rename, rm, rmdir, stat, statfs, unlink } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  assertBucketName,
  type ByteRange,
  ObjectNotFoundError,
  type PutOptions,
  STAGING_IDLE_MS,
  STARTUP_STAGING_GRACE_MS,
  type StagedObject,
  type StorageBackend,
  type StoredObject,
  stageAndCommit,
  sweepPeriodically,
  UnsafeKeyError,
} from './backend';
import { Measure } from './measure';
import { keyProblem } from './safe-key';

const STAGING = '.staging';
const MISSING = new Set(['ENOENT', 'ENOTDIR', 'ELOOP', 'EISDIR']);

/** Resolves once `stream` has closed its file (at once if it has). */
function closed(stream: WriteStream): Promise<void> {
  if (stream.closed) return Promise.resolve();
  return new Promise((resolve) => stream.once('close', () => resolve()));
}

function codeOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException)?.code;
}

/** Objects as files under a root directory. */
export class LocalBackend implements StorageBackend {
  readonly kind = 'local';
  private root: string;
  private stopSweeping = () => {};

  /** @param root the storage root, usually `<dataDir>/storage` */
  constructor(root: string) {
    this.root = resolve(root);
  }

  async init(): Promise<void> {
    await mkdir(join(this.root, STAGING), { recursive: true });
    await this.sweepStaging(STARTUP_STAGING_GRACE_MS);
    this.stopSweeping = sweepPeriodically(() => this.sweepStaging(STAGING_IDLE_MS));
  }

  /** Points the backend at a new, empty root (setup's `data_dir`); stored files stay where they are. */
  async useRoot(root: string): Promise<void> {
    this.root = resolve(root);
    await mkdir(join(this.root, STAGING), { recursive: true });
  }

  /** The bytes still free for the server on the volume that holds the root. */
  async freeBytes(): Promise<number> {
    const info = await statfs(this.root);
    return Number(info.bavail) * Number(info.bsize);
  }

  async sweepStaging(idleMs: number): Promise<number> {
    const dir = join(this.root, STAGING);
    let removed = 0;
    for (const name of await readdir(dir).catch(() => [])) {
      const file = join(dir, name);
      const info = await stat(file).catch(() => undefined);
      if (!info || Date.now() - info.mtimeMs < idleMs) continue;
      await rm(file, { force: true });
      removed++;
    }
    return removed;
  }

  async stage(body: Readable, options: PutOptions): Promise<StagedObject> {
    const temp = join(this.root, STAGING, randomUUID());
    const measure = new Measure(options.maxBytes);
    const out = createWriteStream(temp, { flags: 'wx', mode: 0o600 });
    try {
      await pipeline(body, measure, out);
    } catch (error) {
      // A failure while the file is still being opened would otherwise create it after the rm.
      await closed(out);
      await rm(temp, { force: true });
      throw error;
    }
    return {
      size: measure.byteCount,
      etag: measure.etag(),
      commit: (bucket, key) => this.renameInto(temp, bucket, key),
      discard: () => rm(temp, { force: true }),
    };
  }

  put(bucket: string, key: string, body: Readable, options: PutOptions): Promise<StoredObject> {
    return stageAndCommit(this, bucket, key, body, options);
  }

  async get(bucket: string, key: string, range?: ByteRange): Promise<Readable> {
    const path = await this.existingPath(bucket, key);
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
    } catch (error) {
      if (MISSING.has(codeOf(error) ?? '')) throw new ObjectNotFoundError(bucket, key);
      throw error;
    }
    if (!(await handle.stat()).isFile()) {
      await handle.close();
      throw new ObjectNotFoundError(bucket, key);
    }
    return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
  }

  async head(bucket: string, key: string): Promise<{ size: number } | undefined> {
    try {
      const info = await stat(await this.existingPath(bucket, key));
      return info.isFile() ? { size: info.size } : undefined;
    } catch (error) {
      if (error instanceof ObjectNotFoundError || MISSING.has(codeOf(error) ?? '')) return undefined;
      throw error;
    }
  }

  async delete(bucket: string, key: string): Promise<void> {
    const path = this.pathOf(bucket, key);
    try {
      await this.assertInside(bucket, dirname(path));
      await unlink(path);
    } catch (error) {
      if (error instanceof ObjectNotFoundError || MISSING.has(codeOf(error) ?? '')) return;
      throw error;
    }
    await this.pruneEmptyParents(bucket, path);
  }

  async copy(bucket: string, from: string, to: string): Promise<void> {
    const source = await this.existingPath(bucket, from);
    const temp = join(this.root, STAGING, randomUUID());
    try {
      await copyFile(source, temp, constants.COPYFILE_FICLONE);
      await this.renameInto(temp, bucket, to);
    } catch (error) {
      await rm(temp, { force: true });
      if (MISSING.has(codeOf(error) ?? '')) throw new ObjectNotFoundError(bucket, from);
      throw error;
    }
  }

  async move(bucket: string, from: string, to: string): Promise<void> {
    const source = await this.existingPath(bucket, from);
    try {
      await this.renameInto(source, bucket, to);
    } catch (error) {
      if (MISSING.has(codeOf(error) ?? '')) throw new ObjectNotFoundError(bucket, from);
      throw error;
    }
    await this.pruneEmptyParents(bucket, source);
  }

  async list(bucket: string, prefix = ''): Promise<string[]> {
    const root = this.bucketRoot(bucket);
    let entries: Dirent[];
    try {
      entries = await readdir(root, { recursive: true, withFileTypes: true });
    } catch (error) {
      if (codeOf(error) === 'ENOENT') return [];
      throw error;
    }
    return entries
      .filter((e) => e.isFile())
      .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join('/'))
      .filter((key) => key.startsWith(prefix))
      .sort();
  }

  async deleteBucket(bucket: string): Promise<void> {
    await rm(this.bucketRoot(bucket), { recursive: true, force: true });
  }

  async inventory(): Promise<string[]> {
    const entries = await readdir(this.root, { recursive: true, withFileTypes: true });
    return entries
      .filter((e) => e.isFile())
      .map((e) => relative(this.root, join(e.parentPath, e.name)).split(sep).join('/'))
      .sort();
  }

  async close(): Promise<void> {
    this.stopSweeping();
  }

  private bucketRoot(bucket: string): string {
    assertBucketName(bucket);
    return join(this.root, bucket);
  }

  /** The file of `key`: refused unless the key is safe and its resolved path stays in the bucket. */
  private pathOf(bucket: string, key: string): string {
    const problem = keyProblem(key);
    if (problem) throw new UnsafeKeyError(`The key ${problem}.`);
    const root = this.bucketRoot(bucket);
    const path = resolve(root, key);
    if (!path.startsWith(root + sep)) throw new UnsafeKeyError('The key resolves outside its bucket.');
    return path;
  }

  private async existingPath(bucket: string, key: string): Promise<string> {
    const path = this.pathOf(bucket, key);
    try {
      await this.assertInside(bucket, dirname(path));
    } catch (error) {
      if (MISSING.has(codeOf(error) ?? '')) throw new ObjectNotFoundError(bucket, key);
      throw error;
    }
    return path;
  }

  /** Throws unless the real path of `dir` (symbolic links resolved) is inside the bucket's real root. */
  private async assertInside(bucket: string, dir: string): Promise<void> {
    const root = await realpath(this.bucketRoot(bucket));
    const real = await realpath(dir);
    if (real !== root && !real.startsWith(root + sep)) throw new UnsafeKeyError('The key resolves outside its bucket.');
  }

  private async renameInto(source: string, bucket: string, key: string): Promise<void> {
    const target = this.pathOf(bucket, key);
    await mkdir(dirname(target), { recursive: true });
    await this.assertInside(bucket, dirname(target));
    await rename(source, target);
  }

  private async pruneEmptyParents(bucket: string, path: string): Promise<void> {
    const root = this.bucketRoot(bucket);
    for (let dir = dirname(path); dir.startsWith(root + sep); dir = dirname(dir)) {
      try {
        await rmdir(dir);
      } catch {
        return;
      }
    }
  }
}
