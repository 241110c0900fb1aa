/** The rules of files: list, metadata, delete, move, copy, bulk delete and a file's own permissions. */
import { randomUUID } from 'node:crypto';
import { nowIso } from '../../../clock';
import type { Caller } from '../../../data/caller';
import { errors } from '../../../http/http-error';
import { canManage, canUpload, denied, ownerIdOf, visibilityFor } from '../access';
import { backendCall, bestEffort } from '../backend-calls';
import type { StorageContext } from '../context';
import { objectsChanged } from '../events';
import { checkNoClash } from '../key-clash';
import { checkFileKey, checkFolder, checkKey, nameOf } from '../keys';
import { bucketOr404, managedFile, readableFile } from '../lookup';
import { checkQuota } from '../quota';
import { removeFiles } from '../remove-files';
import type { StoredFile } from './store';

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
  const filter = {
    folder,
    prefix: query.prefix,
    search: query.search,
    visibility: visibilityFor(caller, bucket.policy),
  };
  return ctx.files.list(bucket.id, filter, query.limit ?? 50, query.offset ?? 0);
}

/** A file's metadata, with its bucket, for a caller who may read it; 404, or 401/403 when it may not. */
export function getFile(ctx: StorageContext, caller: Caller, bucketName: string, key: string) {
  return readableFile(ctx, caller, bucketName, key);
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
    if (await ctx.files.byPath(bucket.id, to)) throw errors.conflict(`${to} already exists in bucket ${bucket.name}.`);
    await checkNoClash(ctx, bucket, to);
    await backendCall(ctx, 'move a file', () => ctx.backend.move(bucket.name, from, to));
    const moved: StoredFile = { ...file, path: to, name: nameOf(to), updatedAt: nowIso() };
    try {
      await ctx.files.save(moved);
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
    if (await ctx.files.byPath(bucket.id, to)) throw errors.conflict(`${to} already exists in bucket ${bucket.name}.`);
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
    if (!(await ctx.files.insert(copy))) {
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
      const file = await ctx.files.byPath(bucket.id, path);
      if (!file) failed.push({ path, message: 'No such file.' });
      else if (!canManage(caller, file)) failed.push({ path, message: 'Only its owner or an admin may delete it.' });
      else deleted.push(file);
    }
    await removeFiles(ctx, bucket, deleted);
    return { deleted: deleted.map((f) => f.path), failed };
  });
}

/** The file, for its permissions (its owner or an admin). */
export async function getPermissions(ctx: StorageContext, caller: Caller, bucketName: string, key: string) {
  return (await managedFile(ctx, caller, bucketName, key)).file;
}

/** Sets `public` and/or replaces `allowed_roles`; fields left out keep their value. */
export async function updatePermissions(
  ctx: StorageContext,
  caller: Caller,
  bucketName: string,
  key: string,
  patch: { public?: boolean; allowed_roles?: string[] },
) {
  const { file } = await managedFile(ctx, caller, bucketName, key);
  const updated = {
    ...file,
    public: patch.public ?? file.public,
    allowedRoles: patch.allowed_roles ?? file.allowedRoles,
  };
  await ctx.files.save(updated);
  return updated;
}
