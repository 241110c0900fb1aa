/**
 * Reads a `multipart/form-data` upload as a stream with busboy: the `file` part is handed
 * to `onFile` as it arrives (never buffered whole), the small fields (`path`, `upsert`,
 * `metadata`) are collected, whatever their order. If anything fails (a limit, the type,
 * the client going away, a malformed body) the parse stops at once and the staged bytes
 * are discarded.
 */
import { Readable } from 'node:stream';
import busboy from 'busboy';
import { errors, HttpError } from '../../../http/http-error';
import type { StagedObject } from '../../../storage/backend';

/** The file part as sent. */
export interface FilePart {
  /** The part's filename, without any directory (busboy drops it). */
  filename: string;
  /** The part's `Content-Type`, in lower case without parameters. */
  contentType: string;
}

/** An upload's fields and its staged file. */
export interface MultipartUpload {
  file: FilePart & { staged: StagedObject };
  path?: string;
  upsert: boolean;
  metadata?: Record<string, unknown>;
}

const LIMITS = { files: 1, fields: 16, parts: 17, fieldSize: 64 * 1024, fieldNameSize: 200, headerPairs: 20 };

function interrupted(): HttpError {
  return errors.validation([{ field: 'body', message: 'the multipart body was interrupted or malformed' }]);
}

function readFields(fields: Map<string, string>): Omit<MultipartUpload, 'file'> {
  const upsert = fields.get('upsert');
  if (upsert !== undefined && upsert !== 'true' && upsert !== 'false')
    throw errors.validation([{ field: 'body.upsert', message: 'must be true or false' }]);
  const rawMetadata = fields.get('metadata');
  let metadata: Record<string, unknown> | undefined;
  if (rawMetadata !== undefined) {
    try {
      metadata = JSON.parse(rawMetadata);
    } catch {
      throw errors.validation([{ field: 'body.metadata', message: 'must be a JSON object' }]);
    }
    if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata))
      throw errors.validation([{ field: 'body.metadata', message: 'must be a JSON object' }]);
  }
  return { path: fields.get('path'), upsert: upsert === 'true', metadata };
}

/** Parses the upload, staging its file through `onFile`; rejects with the first failure. */
export async function receiveMultipart(
  request: Request,
  onFile: (stream: Readable, part: FilePart) => Promise<StagedObject>,
): Promise<MultipartUpload> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data\s*(;|$)/i.test(type))
    throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the upload as multipart/form-data with a file part.');
  if (!request.body) throw errors.validation([{ field: 'body.file', message: 'is required' }]);
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: { 'content-type': type }, limits: LIMITS });
  } catch {
    throw errors.validation([{ field: 'body', message: 'the multipart Content-Type has no boundary' }]);
  }
  const source = Readable.fromWeb(request.body as never);
  const fields = new Map<string, string>();
  let part: FilePart | undefined;
  let staging: Promise<StagedObject> | undefined;
  let failure: unknown;
  const parsed = new Promise<void>((resolve, reject) => {
    const fail = (error: unknown) => {
      failure ??= error;
      reject(failure);
    };
    parser.on('file', (name, stream, info) => {
      // Failures reach us through staging; a late one (busboy ending a destroyed part) is expected.
      stream.on('error', () => {});
      if (name !== 'file' || staging) {
        stream.resume();
        fail(errors.validation([{ field: `body.${name}`, message: 'is not expected as a file part' }]));
        return;
      }
      part = { filename: info.filename ?? '', contentType: info.mimeType.toLowerCase() };
      staging = onFile(stream, part);
      staging.catch(fail);
    });
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) fail(errors.validation([{ field: `body.${name}`, message: 'is too long' }]));
      else fields.set(name, value);
    });
    for (const limit of ['partsLimit', 'filesLimit', 'fieldsLimit'] as const)
      parser.on(limit, () => fail(errors.validation([{ field: 'body', message: `has too many parts (${limit})` }])));
    parser.on('error', () => fail(interrupted()));
    parser.on('close', () => resolve());
    source.on('error', () => fail(interrupted()));
  });
  source.pipe(parser);
  try {
    await parsed;
    if (!staging || !part) throw errors.validation([{ field: 'body.file', message: 'is required' }]);
    const staged = await staging;
    return { file: { ...part, staged }, ...readFields(fields) };
  } catch (error) {
    source.destroy();
    parser.destroy();
    const staged = await staging?.catch(() => undefined);
    await staged?.discard();
    throw error;
  }
}
