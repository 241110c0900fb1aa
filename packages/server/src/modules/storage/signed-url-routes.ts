import type { ModuleHandlers } from '../../http/handler-types';
import { totalHeader } from '../../http/paging';
import { downloadResponse } from './file-response';
import { conditionsOf, originOf } from './http-helpers';

type Ops = 'createSignedUrl' | 'listSignedUrls' | 'revokeSignedUrl' | 'downloadSignedFile';

/** Signed URLs: create, list, revoke, and the download they point at. */
export const signedUrlHandlers: Pick<ModuleHandlers<'storage'>, Ops> = {
  createSignedUrl: async ({ params, body, caller, services }) => ({
    status: 201,
    body: await services.storage.createSignedUrl(
      caller,
      params.bucketName,
      params.filePath,
      body?.expires_in,
      originOf(services.config),
    ),
  }),
  listSignedUrls: async ({ params, query, caller, services }) => {
    const { urls, total } = await services.storage.listSignedUrls(
      caller,
      params.bucketName,
      params.filePath,
      query,
      originOf(services.config),
    );
    return { status: 200, body: urls, headers: totalHeader(total) };
  },
  revokeSignedUrl: async ({ params, caller, services }) => {
    await services.storage.revokeSignedUrl(caller, params.bucketName, params.filePath, params.urlId);
    return { status: 204 };
  },
  downloadSignedFile: async ({ params, query, headers, services }) =>
    downloadResponse(
      await services.storage.downloadSigned(params.bucketName, params.filePath, query.token, conditionsOf(headers)),
      'inline',
    ),
};
