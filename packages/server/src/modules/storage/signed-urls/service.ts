/** The rules of signed URLs: made by readers of a file, listed and revoked by its owner or an admin. */
import { randomUUID } from 'node:crypto';
import type { Caller } from '../../../data/caller';
import { errors } from '../../../http/http-error';
import { ownerIdOf } from '../access';
import type { StorageContext } from '../context';
import { managedFile, readableFile } from '../lookup';
import { signToken } from '../signed-token';

const DEFAULT_TTL = 3600;

/** The absolute URL of `downloadSignedFile` for a file and token. */
export function signedUrl(origin: string, bucket: string, key: string, token: string): string {
  return `${origin}/storage/v1/object/sign/${encodeURIComponent(bucket)}/${encodeURIComponent(key)}?token=${token}`;
}

function urlFor(ctx: StorageContext, origin: string, bucket: string, key: string, id: string, expiresAt: string) {
  const expires = Math.floor(Date.parse(expiresAt) / 1000);
  return signedUrl(origin, bucket, key, signToken(ctx.signingSecret, { id, bucket, key, expires }));
}

/** Creates a URL that downloads the file without credentials for `expiresIn` seconds. */
export async function createSignedUrl(
  ctx: StorageContext,
  caller: Caller,
  bucketName: string,
  key: string,
  expiresIn: number | undefined,
  origin: string,
) {
  const { bucket, file } = await readableFile(ctx, caller, bucketName, key);
  const id = randomUUID();
  const expiresAt = new Date((Math.floor(Date.now() / 1000) + (expiresIn ?? DEFAULT_TTL)) * 1000).toISOString();
  await ctx.signedUrls.create({ id, objectId: file.id, expiresAt, createdBy: ownerIdOf(caller) });
  return { id, url: urlFor(ctx, origin, bucket.name, file.path, id, expiresAt), expires_at: expiresAt };
}

/** The file's live URLs, newest first, and how many there are. */
export async function listSignedUrls(
  ctx: StorageContext,
  caller: Caller,
  bucketName: string,
  key: string,
  page: { limit?: number; offset?: number },
  origin: string,
) {
  const { bucket, file } = await managedFile(ctx, caller, bucketName, key);
  const { rows, total } = await ctx.signedUrls.live(file.id, page.limit ?? 50, page.offset ?? 0);
  const urls = rows.map((r) => ({
    id: r.id,
    url: urlFor(ctx, origin, bucket.name, file.path, r.id, r.expires_at),
    expires_at: r.expires_at,
    created_at: r.created_at,
  }));
  return { urls, total };
}

/** Revokes one of the file's URLs; 404 when the file has no URL with this id. */
export async function revokeSignedUrl(
  ctx: StorageContext,
  caller: Caller,
  bucketName: string,
  key: string,
  id: string,
) {
  const { file } = await managedFile(ctx, caller, bucketName, key);
  if (!(await ctx.signedUrls.revoke(id, file.id))) throw errors.notFound(`Signed URL ${id} of ${key}`);
}
