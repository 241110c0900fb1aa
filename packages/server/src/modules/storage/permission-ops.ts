/** A file's own permissions, read and changed by its owner or an admin. */
import type { Caller } from '../../data/caller';
import type { StorageContext } from './context';
import { managedFile } from './file-ops';

/** The file, for its permissions (its owner or an admin). */
export async function getPermissions(ctx: StorageContext, caller: Caller, bucketName: string, key: string) {
  return (await managedFile(ctx, caller, bucketName, key)).file;
}

/** Sets `public` and/or replaces `allowed_roles`; fields left out keep their value. */
export async function updatePermissions(
  ctx: StorageContext,
  caller: Caller,
  bucketName: string,
  key: string,
  patch: { public?: boolean; allowed_roles?: string[] },
) {
  const { file } = await managedFile(ctx, caller, bucketName, key);
  const updated = {
    ...file,
    public: patch.public ?? file.public,
    allowedRoles: patch.allowed_roles ?? file.allowedRoles,
  };
  await ctx.objects.save(updated);
  return updated;
}
