/**
 * Receives an uploaded archive (multipart, field `backup`) straight to a scratch file under
 * the backup directory with busboy, never in memory, up to a byte limit; then checks it
 * like `validateBackup` does before it is registered. A refused upload leaves nothing.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { errors, HttpError } from '../../http/http-error';
import { archivePath } from './paths';
import type { BackupService } from './service';
import { verifyArchive } from './verify-archive';

function tooLarge(limit: number): HttpError {
  return new HttpError(413, 'PAYLOAD_TOO_LARGE', `The archive is larger than ${limit} bytes.`);
}

function limited(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      done(seen > limit ? tooLarge(limit) : null, chunk);
    },
  });
}

/**
 * Streams the multipart file part `field` to `target` (at most `limit` bytes); answers the
 * small fields sent beside it.
 */
export async function receiveArchive(
  request: Request,
  target: string,
  limit: number,
  field = 'backup',
): Promise<Map<string, string>> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data\s*(;|$)/i.test(type))
    throw new HttpError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      `Send the archive as multipart/form-data in the field "${field}".`,
    );
  if (!request.body) throw errors.validation([{ field: `body.${field}`, message: 'is required' }]);
  const fields = new Map<string, string>();
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: { 'content-type': type }, limits: { files: 1, fields: 4, parts: 5 } });
  } catch {
    throw errors.validation([{ field: 'body', message: 'the multipart Content-Type has no boundary' }]);
  }
  let writing: Promise<void> | undefined;
  const parsed = new Promise<void>((resolve, reject) => {
    parser.on('file', (name, stream) => {
      if (name !== field || writing) {
        stream.resume();
        return reject(errors.validation([{ field: `body.${name}`, message: 'is not expected as a file part' }]));
      }
      writing = pipeline(stream, limited(limit), createWriteStream(target));
      writing.catch(reject);
    });
    parser.on('field', (name, value) => fields.set(name, value));
    parser.on('error', () =>
      reject(errors.validation([{ field: 'body', message: 'the multipart body is malformed' }])),
    );
    parser.on('close', resolve);
  });
  const source = Readable.fromWeb(request.body as never);
  source.pipe(parser);
  try {
    await parsed;
    if (!writing) throw errors.validation([{ field: `body.${field}`, message: 'is required' }]);
    await writing;
    return fields;
  } catch (error) {
    source.destroy();
    throw error;
  }
}

/** Stores an uploaded archive as a new backup; 400 when it is not a valid one. */
export async function uploadBackup(service: BackupService, request: Request, limit: number): Promise<string> {
  const dirs = await service.dirs();
  const id = randomUUID();
  const scratch = join(dirs.work, `${id}.upload`);
  try {
    await receiveArchive(request, scratch, limit);
    const check = await verifyArchive(scratch);
    if (!check.manifest || check.errors.length > 0)
      throw errors.validation(check.errors.map((message) => ({ field: 'body.backup', message })));
    const { manifest } = check;
    await rename(scratch, archivePath(dirs, id));
    await service.store.backups.insert({
      id,
      name: manifest.name,
      status: 'completed',
      origin: 'upload',
      created_at: new Date().toISOString(),
      completed_at: new Date().toISOString(),
      size_bytes: (await stat(archivePath(dirs, id))).size,
      manifest: JSON.stringify({ ...manifest, id }),
      files: JSON.stringify(manifest.files.map((f) => f.path).concat('manifest.json')),
      error: null,
    });
    return id;
  } finally {
    await rm(scratch, { force: true });
  }
}
