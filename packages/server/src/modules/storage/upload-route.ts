/** The multipart upload of `uploadFile` and `uploadFileV1`. */
import type { Readable } from 'node:stream';
import type { Caller } from '../../data/caller';
import type { Services } from '../../services';
import { OCTET_STREAM } from '../../storage/mime-types';
import { receiveMultipart } from './multipart';
import { toStorageFile } from './serialize';
import { checkType, storedType } from './upload-ops';

/** Streams the `file` part to staging, then stores it under the key the form names. */
export async function handleUpload(request: Request, caller: Caller, services: Services, bucketName: string) {
  const storage = services.storage;
  const plan = await storage.planUpload(caller, bucketName);
  const form = await receiveMultipart(request, async (stream: Readable, part) => {
    // A declared type can be refused before any byte is stored; a generic one waits for the key.
    if (part.contentType !== OCTET_STREAM) checkType(plan, part.contentType);
    return storage.stageUpload(plan, stream, part.contentType);
  });
  const { staged } = form.file;
  try {
    const key = await storage.uploadKey(plan, form.path, form.file.filename);
    const contentType = storedType(form.file.contentType, key);
    const { file, created } = await storage.finishUpload(plan, staged, {
      key,
      contentType,
      upsert: form.upsert,
      metadata: form.metadata,
    });
    const body = toStorageFile(plan.bucket.name, file);
    return created ? { status: 201 as const, body } : { status: 200 as const, body };
  } finally {
    await staged.discard();
  }
}
