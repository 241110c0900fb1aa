/** The download handlers: the request's conditions in, one download service call, the bytes out as a response. */
import type { Caller } from '../../../data/caller';
import type { ModuleHandlers } from '../../../http/handler-types';
import type { HeaderReader } from '../../../http/request-headers';
import { type Disposition, downloadResponse } from '../file-response';
import type { StorageService } from '../service';
import { type DownloadConditions, download, downloadSigned } from './service';

/** The conditional and range headers of a download. */
function conditionsOf(headers: HeaderReader): DownloadConditions {
  return { range: headers.get('range'), ifNoneMatch: headers.get('if-none-match') };
}

/** The response for a caller's download of `key`, as an attachment or inline. */
async function served(
  storage: StorageService,
  caller: Caller,
  bucketName: string,
  key: string,
  headers: HeaderReader,
  disposition: Disposition,
) {
  return downloadResponse(await download(storage.context, caller, bucketName, key, conditionsOf(headers)), disposition);
}

/** Downloads: by a caller who may read the file (as an attachment, or inline at the public path), or by a signed URL. */
export const downloadRoutes = {
  downloadFile: async ({ params, headers, caller, services }) =>
    served(services.storage, caller, params.bucketName, params.filePath, headers, 'attachment'),
  downloadFileV1: async ({ params, headers, caller, services }) =>
    served(services.storage, caller, params.bucketName, params.fileName, headers, 'attachment'),
  downloadPublicFile: async ({ params, headers, caller, services }) =>
    served(services.storage, caller, params.bucketName, params.filePath, headers, 'inline'),
  downloadSignedFile: async ({ params, query, headers, services }) =>
    downloadResponse(
      await downloadSigned(
        services.storage.context,
        params.bucketName,
        params.filePath,
        query.token,
        conditionsOf(headers),
      ),
      'inline',
    ),
} satisfies Partial<ModuleHandlers<'storage'>>;
