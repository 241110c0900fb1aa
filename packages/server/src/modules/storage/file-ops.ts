/** Files: list, metadata, delete, move, copy and bulk delete, each under the access rules. */

import { randomUUID } from 'node:crypto';
import { nowIso } from '../../clock';
import type { Caller } from '../../data/caller';
import { errors } from '../../http/http-error';
import { canManage, canRead, canReadAll, canUpload, denied, isSignedIn, ownerIdOf } from './access';
import type { Bucket } from './buckets-store';
import type { StorageContext } from './context';
import {
  backendCall,
  bestEffort,
  bucketOr404,
  checkFileKey,
  checkFolder,
  checkKey,
  fileOr404,
  nameOf,
  permissionsOf,
} from './lookup';
import { objectsChanged } from './object-events';
import type { StoredFile, Visibility } from './objects-store';
import { checkNoClash, checkQuota } from './upload-ops';

/** Which of a bucket's files the caller sees in listings. */
export function visibilityFor(caller: Caller, bucket: Bucket): Visibility {
  if (canReadAll(caller, bucket.policy)) return { all: true };
  return isSignedIn(caller) ? { all: false, userId: caller.userId, role: caller.role } : { all: false };
}

/** What a file listing may filter on. */
export interface ListFilesQuery {
  /** A folder: files under it at any depth. */
  path?: string;
  prefix?: string;
  search?: string;
  limit?: number;
  offset?: number;
}

/** A page of the files the caller may read, by key, and how many there are. */
export async function listFiles(ctx: StorageContext, caller: Caller, bucketName: string, query: ListFilesQuery) {
  const folder = query.path === undefined ? undefined : checkFolder(query.path, 'query.path');
  const bucket = await bucketOr404(ctx, bucketName);
  const filter = { folder, prefix: query.prefix, search: query.search, visibility: visibilityFor(caller, bucket) };
  return ctx.objects.list(bucket.id, filter, query.limit ?? 50, query.offset ?? 0);
}

/** A file the caller may read; 404, or 401/403 when it may not. */
export async function readableFile(ctx: StorageContext, caller: Caller, bucketName: string, key: string) {
  checkKey(key, 'path.filePath');
  const bucket = await bucketOr404(ctx, bucketName);
  const file = await fileOr404(ctx, bucket, key);
  if (!canRead(caller, bucket.policy, permissionsOf(file))) throw denied(caller, `You may not read ${key}.`);
  return { bucket, file };
}

/** A file the caller may manage (its owner, an admin); 404, or 401/403 when it may not. */
export async function managedFile(ctx: StorageContext, caller: Caller, bucketName: string, key: string) {
  checkKey(key, 'path.filePath');
  const bucket = await bucketOr404(ctx, bucketName);
  const file = await fileOr404(ctx, bucket, key);
  if (!canManage(caller, file)) throw denied(caller, `Only the owner of ${key} or an admin may do this.`);
  return { bucket, file };
}

/** Removes files' metadata (their signed URLs go with it), then their bytes. */
export async function removeFiles(ctx: StorageContext, bucket: Bucket, files: StoredFile[]): Promise<void> {
  await ctx.objects.delete(files.map((f) => f.id));
  for (const file of files) await bestEffort(ctx, 'delete a file', () => ctx.backend.delete(bucket.name, file.path));
  await objectsChanged(ctx, 'deleted', bucket, files);
}

/** Deletes a file (its owner or an admin) and revokes its signed URLs. */
export async function deleteFile(ctx: StorageContext, caller: Caller, bucketName: string, key: string) {
  const { bucket, file } = await managedFile(ctx, caller, bucketName, key);
  await ctx.locks.with(bucket.name, [key], () => removeFiles(ctx, bucket, [file]));
}

/** Moves a file to a new key, keeping its id, owner and permissions; its signed URLs stop working. */
export async function moveFile(ctx: StorageContext, caller: Caller, bucketName: string, from: string, to: string) {
  checkKey(from, 'body.from');
  checkFileKey(to, 'body.to');
  const { bucket, file } = await managedFile(ctx, caller, bucketName, from);
  return ctx.locks.with(bucket.name, [from, to], async () => {
    if (await ctx.objects.byPath(bucket.id, to))
      throw errors.conflict(`${to} already exists in bucket ${bucket.name}.`);
    await checkNoClash(ctx, bucket, to);
    await backendCall(ctx, 'move a file', () => ctx.backend.move(bucket.name, from, to));
    const moved: StoredFile = { ...file, path: to, name: nameOf(to), updatedAt: nowIso() };
    try {
      await ctx.objects.save(moved);
    } catch (error) {
      await bestEffort(ctx, 'undo a move', () => ctx.backend.move(bucket.name, to, from));
      throw error;
    }
    await ctx.signedUrls.revokeAll(file.id);
    await objectsChanged(ctx, 'deleted', bucket, [file]);
    await objectsChanged(ctx, 'created', bucket, [moved]);
    return moved;
  });
}

/** Copies a file to a new key: a new file owned by the caller, with default permissions. */
export async function copyFile(ctx: StorageContext, caller: Caller, bucketName: string, from: string, to: string) {
  checkKey(from, 'body.from');
  checkFileKey(to, 'body.to');
  const { bucket, file } = await readableFile(ctx, caller, bucketName, from);
  if (!canUpload(caller, bucket.policy)) throw denied(caller, `You may not upload to bucket ${bucket.name}.`);
  return ctx.locks.with(bucket.name, [from, to], async () => {
    if (await ctx.objects.byPath(bucket.id, to))
      throw errors.conflict(`${to} already exists in bucket ${bucket.name}.`);
    await checkNoClash(ctx, bucket, to);
    await checkQuota(ctx, bucket, file.size);
    await backendCall(ctx, 'copy a file', () => ctx.backend.copy(bucket.name, from, to));
    const now = nowIso();
    const copy: StoredFile = {
      ...file,
      id: randomUUID(),
      path: to,
      name: nameOf(to),
      ownerId: ownerIdOf(caller),
      public: false,
      allowedRoles: [],
      createdAt: now,
      updatedAt: now,
    };
    if (!(await ctx.objects.insert(copy))) {
      await bestEffort(ctx, 'undo a copy', () => ctx.backend.delete(bucket.name, to));
      throw errors.conflict(`${to} already exists in bucket ${bucket.name}.`);
    }
    await objectsChanged(ctx, 'created', bucket, [copy]);
    return copy;
  });
}

/** Deletes each key the caller may delete; reports the others with the reason. */
export async function bulkDelete(ctx: StorageContext, caller: Caller, bucketName: string, paths: string[]) {
  paths.forEach((p, i) => {
    checkKey(p, `body.paths.${i}`);
  });
  const bucket = await bucketOr404(ctx, bucketName);
  const unique = [...new Set(paths)];
  return ctx.locks.with(bucket.name, unique, async () => {
    const deleted: StoredFile[] = [];
    const failed: Array<{ path: string; message: string }> = [];
    for (const path of unique) {
      const file = await ctx.objects.byPath(bucket.id, path);
      if (!file) failed.push({ path, message: 'No such file.' });
      else if (!canManage(caller, file)) failed.push({ path, message: 'Only its owner or an admin may delete it.' });
      else deleted.push(file);
    }
    await removeFiles(ctx, bucket, deleted);
    return { deleted: deleted.map((f) => f.path), failed };
  });
}
