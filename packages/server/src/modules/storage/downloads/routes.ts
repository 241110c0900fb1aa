/** The download handlers: the request's conditions in, one download service call, the bytes out as a response. */
import type { ModuleHandlers } from '../../../http/handler-types';
import { downloadResponse } from '../file-response';
import { type DownloadConditions, download, downloadSigned } from './service';

/** The conditional and range headers of a download. */
function conditionsOf(headers: Headers): DownloadConditions {
  return { range: headers.get('range'), ifNoneMatch: headers.get('if-none-match') };
}

/** Downloads: by a caller who may read the file (as an attachment, or inline at the public path), or by a signed URL. */
export const downloadRoutes = {
  downloadFile: async ({ params, headers, caller, services }) =>
    downloadResponse(
      await download(services.storage.context, caller, params.bucketName, params.filePath, conditionsOf(headers)),
      'attachment',
    ),
  downloadFileV1: async ({ params, headers, caller, services }) =>
    downloadResponse(
      await download(services.storage.context, caller, params.bucketName, params.fileName, conditionsOf(headers)),
      'attachment',
    ),
  downloadPublicFile: async ({ params, headers, caller, services }) =>
    downloadResponse(
      await download(services.storage.context, caller, params.bucketName, params.filePath, conditionsOf(headers)),
      'inline',
    ),
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
