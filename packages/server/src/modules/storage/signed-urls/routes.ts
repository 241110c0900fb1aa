/** The signed URL handlers: HTTP in, one signed URL service call, HTTP out (their download is in `downloads/`). */
import type { ModuleHandlers } from '../../../http/handler-types';
import { totalHeader } from '../../../http/paging';
import { createSignedUrl, listSignedUrls, revokeSignedUrl } from './service';

/**
 * The origin signed URLs point at: the server's configured public URL, never a header a
 * client (or anybody in front of a proxy) could set.
 */
function originOf(config: { apiUrl?: string; port: number }): string {
  return (config.apiUrl ?? `http://localhost:${config.port}`).replace(/\/+$/, '');
}

/** Signed URLs: create, list, revoke. */
export const signedUrlRoutes = {
  createSignedUrl: async ({ params, body, caller, services }) => ({
    status: 201,
    body: await createSignedUrl(
      services.storage.context,
      caller,
      params.bucketName,
      params.filePath,
      body?.expires_in,
      originOf(services.config),
    ),
  }),
  listSignedUrls: async ({ params, query, caller, services }) => {
    const { urls, total } = await listSignedUrls(
      services.storage.context,
      caller,
      params.bucketName,
      params.filePath,
      query,
      originOf(services.config),
    );
    return { status: 200, body: urls, headers: totalHeader(total) };
  },
  revokeSignedUrl: async ({ params, caller, services }) => {
    await revokeSignedUrl(services.storage.context, caller, params.bucketName, params.filePath, params.urlId);
    return { status: 204 };
  },
} satisfies Partial<ModuleHandlers<'storage'>>;
