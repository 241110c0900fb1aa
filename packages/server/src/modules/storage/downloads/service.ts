/**
 * The rules of downloads: the caller's right to read (or a signed URL's token), then
 * conditional and range requests, then the bytes as a stream. Every path that serves bytes
 * goes through `serve`, so the checks cannot differ between them.
 */
import type { Readable } from 'node:stream';
import type { Caller } from '../../../data/caller';
import { HttpError } from '../../../http/http-error';
import type { ByteRange } from '../../../storage/backend';
import { backendCall } from '../backend-calls';
import type { Bucket } from '../buckets/store';
import type { StorageContext } from '../context';
import type { StoredFile } from '../files/store';
import { checkKey } from '../keys';
import { bucketOr404, fileOr404, readableFile } from '../lookup';
import { type TokenProblem, verifyToken } from '../signed-token';
import { matchesIfNoneMatch, parseRange } from './byte-range';

/** What the request asks beyond the file: a byte range and a known entity tag. */
export interface DownloadConditions {
  range?: string | null;
  ifNoneMatch?: string | null;
}

/** A download ready to send: 304 with no body, or 200/206 with the bytes. */
export type Download =
  | { status: 304; file: StoredFile }
  | { status: 200; file: StoredFile; body: Readable }
  | { status: 206; file: StoredFile; body: Readable; range: ByteRange };

async function serve(
  ctx: StorageContext,
  bucket: Bucket,
  file: StoredFile,
  conditions: DownloadConditions,
): Promise<Download> {
  if (matchesIfNoneMatch(conditions.ifNoneMatch, file.etag)) return { status: 304, file };
  const wanted = parseRange(conditions.range, file.size);
  if (wanted.kind === 'unsatisfiable')
    throw new HttpError(
      416,
      'RANGE_NOT_SATISFIABLE',
      `header.range: ${conditions.range} does not fit the file (${file.size} bytes).`,
      undefined,
      { 'Content-Range': `bytes */${file.size}` },
    );
  const range = wanted.kind === 'partial' ? wanted.range : undefined;
  const body = await backendCall(ctx, 'read a file', () => ctx.backend.get(bucket.name, file.path, range));
  return range ? { status: 206, file, body, range } : { status: 200, file, body };
}

/** The file's bytes for a caller who may read it; 401 or 403 otherwise. */
export async function download(
  ctx: StorageContext,
  caller: Caller,
  bucketName: string,
  key: string,
  conditions: DownloadConditions = {},
): Promise<Download> {
  const { bucket, file } = await readableFile(ctx, caller, bucketName, key);
  return serve(ctx, bucket, file, conditions);
}

const TOKEN_MESSAGES: Record<TokenProblem | 'revoked', string> = {
  malformed: 'This signed URL is invalid.',
  signature: 'This signed URL is invalid or was made for another file.',
  expired: 'This signed URL has expired.',
  revoked: 'This signed URL has been revoked.',
};

function invalid(problem: TokenProblem | 'revoked'): HttpError {
  return new HttpError(403, 'SIGNED_URL_INVALID', TOKEN_MESSAGES[problem]);
}

/** The file's bytes for whoever holds a valid token; 403 SIGNED_URL_INVALID for a tampered, expired or revoked one. */
export async function downloadSigned(
  ctx: StorageContext,
  bucketName: string,
  key: string,
  token: string,
  conditions: DownloadConditions = {},
): Promise<Download> {
  checkKey(key, 'path.filePath');
  const verdict = verifyToken(ctx.signingSecret, token, bucketName, key, Math.floor(Date.now() / 1000));
  if ('problem' in verdict) throw invalid(verdict.problem);
  const record = await ctx.signedUrls.byId(verdict.id);
  if (!record || record.revokedAt !== null || record.bucket !== bucketName || record.path !== key)
    throw invalid('revoked');
  const bucket = await bucketOr404(ctx, bucketName);
  return serve(ctx, bucket, await fileOr404(ctx, bucket, key), conditions);
}
