/** The upload handlers (`uploadFile`, `uploadFileV1`): the multipart body in, one upload service call, the stored file out. */
import type { Caller } from '../../../data/caller';
import type { ModuleHandlers } from '../../../http/handler-types';
import { toStorageFile } from '../file-body';
import type { StorageService } from '../service';
import { receiveMultipart } from './multipart';
import { type FormReader, uploadForm } from './service';

/** 201 with the new file, 200 when it replaced one. */
async function uploaded(request: Request, caller: Caller, storage: StorageService, bucketName: string) {
  const readForm: FormReader = (onFile) => receiveMultipart(request, onFile);
  const { bucket, file, created } = await uploadForm(storage.context, caller, bucketName, readForm);
  const body = toStorageFile(bucket.name, file);
  return created ? { status: 201 as const, body } : { status: 200 as const, body };
}

/** Uploads, at `/storage/...` and `/storage/v1/object`. */
export const uploadRoutes = {
  uploadFile: async ({ params, request, caller, services }) =>
    uploaded(request, caller, services.storage, params.bucketName),
  uploadFileV1: async ({ params, request, caller, services }) =>
    uploaded(request, caller, services.storage, params.bucketName),
} satisfies Partial<ModuleHandlers<'storage'>>;
