/**
 * `upload` and `download` of the unified operation: one file of at most 10 MiB, its bytes
 * base64-encoded in JSON, through the storage module's service, so bucket policies, file
 * permissions, type and size limits, quotas and conflicts are checked as on the storage
 * routes.
 */
import { Readable } from 'node:stream';
import { errors, HttpError } from '../../http/http-error';
import type { KindRunners } from './kinds';

/** The largest file the pipeline moves, decoded; larger files use the storage routes. @default 10 MiB */
export const PIPELINE_FILE_LIMIT = 10 * 1024 * 1024;

function tooLarge(): HttpError {
  return new HttpError(
    413,
    'PAYLOAD_TOO_LARGE',
    `The file is larger than the pipeline's limit of ${PIPELINE_FILE_LIMIT} bytes; use the storage routes.`,
  );
}

/** Strict base64 (RFC 4648, with padding); 400 for anything else. */
export function decodeBase64(text: string): Buffer {
  const bytes = Buffer.from(text, 'base64');
  if (text.length % 4 !== 0 || bytes.toString('base64') !== text)
    throw errors.validation([{ field: 'body.content_base64', message: 'is not base64 with padding (RFC 4648)' }]);
  return bytes;
}

async function readAll(stream: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    size += buffer.length;
    if (size > limit) {
      stream.destroy();
      throw tooLarge();
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** The storage kinds, through `services.storage`. */
export const storageKinds: Pick<KindRunners, 'upload' | 'download'> = {
  upload: async (body, { caller, services }) => {
    const bytes = decodeBase64(body.content_base64);
    if (bytes.length > PIPELINE_FILE_LIMIT) throw tooLarge();
    const { file } = await services.storage.upload(caller, body.bucket, body.path, Readable.from([bytes]), {
      contentType: body.content_type,
      metadata: body.metadata,
    });
    return {
      type: 'upload',
      bucket: body.bucket,
      path: file.path,
      content_type: file.contentType,
      size: file.size,
      status: 'stored',
    };
  },

  download: async (body, { caller, services }) => {
    const found = await services.storage.download(caller, body.bucket, body.path);
    if (found.status !== 200) throw new Error(`an unconditional download answered ${found.status}`);
    if (found.file.size > PIPELINE_FILE_LIMIT) {
      found.body.destroy();
      throw tooLarge();
    }
    const bytes = await readAll(found.body, PIPELINE_FILE_LIMIT);
    return {
      type: 'download',
      bucket: body.bucket,
      path: found.file.path,
      content_type: found.file.contentType,
      size: bytes.length,
      content_base64: bytes.toString('base64'),
    };
  },
};
