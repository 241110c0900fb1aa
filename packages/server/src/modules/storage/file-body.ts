/** A stored file as the spec's bodies: `StorageFile` and `StorageFilePermissions`. */
import type { components } from '@lockstep/contract';
import type { StoredFile } from './files/store';

type Schemas = components['schemas'];

/** A file as `StorageFile`. */
export function toStorageFile(bucketName: string, file: StoredFile): Schemas['StorageFile'] {
  return {
    id: file.id,
    name: file.name,
    path: file.path,
    bucket: bucketName,
    size: file.size,
    content_type: file.contentType,
    etag: file.etag,
    created_at: file.createdAt,
    updated_at: file.updatedAt,
    owner_id: file.ownerId,
    metadata: file.metadata,
  };
}

/** A file's permissions as `StorageFilePermissions`. */
export function toPermissions(file: StoredFile): Schemas['StorageFilePermissions'] {
  return { public: file.public, allowed_roles: file.allowedRoles, owner_id: file.ownerId };
}
