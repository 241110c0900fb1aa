/** The rules of folders: listed from explicit folders and from keys, created empty, deleted with everything in them. */
import type { Caller } from '../../../data/caller';
import { errors } from '../../../http/http-error';
import { pageOf } from '../../../http/paging';
import { canManage, canReadAll, canUpload, denied, visibilityFor } from '../access';
import type { StorageContext } from '../context';
import { checkNoClash } from '../key-clash';
import { checkFolder } from '../keys';
import { bucketOr404 } from '../lookup';
import { removeFiles } from '../remove-files';

function byBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** The direct subfolders of `prefix` (the root without it), as full paths, and their count. */
export async function listFolders(
  ctx: StorageContext,
  caller: Caller,
  bucketName: string,
  query: { prefix?: string; limit?: number; offset?: number },
) {
  const prefix = query.prefix === undefined ? undefined : checkFolder(query.prefix, 'query.prefix');
  const bucket = await bucketOr404(ctx, bucketName);
  const base = prefix ? `${prefix}/` : '';
  const children = new Set<string>();
  const keys = await ctx.files.keysUnder(bucket.id, prefix, visibilityFor(caller, bucket.policy));
  for (const key of keys) {
    const rest = key.slice(base.length);
    if (rest.includes('/')) children.add(base + rest.slice(0, rest.indexOf('/')));
  }
  // Empty folders hold nothing the caller could be refused, but show only where it may read everything.
  if (canReadAll(caller, bucket.policy)) {
    for (const folder of await ctx.folders.under(bucket.id, prefix)) {
      const rest = folder.slice(base.length);
      children.add(base + rest.split('/')[0]);
    }
  }
  const all = [...children].sort(byBytes);
  return { folders: pageOf(all, query), total: all.length };
}

/** Creates an empty folder; 409 when a folder or a file has the path. */
export async function createFolder(ctx: StorageContext, caller: Caller, bucketName: string, rawPath: string) {
  const path = checkFolder(rawPath, 'body.path');
  const bucket = await bucketOr404(ctx, bucketName);
  if (!canUpload(caller, bucket.policy)) throw denied(caller, `You may not create folders in bucket ${bucket.name}.`);
  return ctx.locks.with(bucket.name, [path], async () => {
    if (await ctx.files.byPath(bucket.id, path)) throw errors.conflict(`${path} is a file in bucket ${bucket.name}.`);
    await checkNoClash(ctx, bucket, path);
    if (!(await ctx.folders.create(bucket.id, path)))
      throw errors.conflict(`${path} is a folder in bucket ${bucket.name}.`);
    return { path };
  });
}

/** Deletes a folder with every file under it, all or nothing: 403 if any file may not be deleted. */
export async function deleteFolder(ctx: StorageContext, caller: Caller, bucketName: string, rawPath: string) {
  const path = checkFolder(rawPath, 'path.folderPath');
  const bucket = await bucketOr404(ctx, bucketName);
  const files = await ctx.files.under(bucket.id, path);
  const explicit = (await ctx.folders.under(bucket.id, path)).length > 0 || (await ctx.folders.exists(bucket.id, path));
  if (files.length === 0 && !explicit) throw errors.notFound(`Folder ${path} in bucket ${bucket.name}`);
  if (files.some((f) => !canManage(caller, f)))
    throw denied(caller, `Folder ${path} holds files you may not delete; nothing was deleted.`);
  if (files.length === 0 && !canUpload(caller, bucket.policy))
    throw denied(caller, `You may not delete folders in bucket ${bucket.name}.`);
  await ctx.locks.with(
    bucket.name,
    files.map((f) => f.path),
    async () => {
      await ctx.folders.deleteTree(bucket.id, path);
      await removeFiles(ctx, bucket, files);
    },
  );
}
