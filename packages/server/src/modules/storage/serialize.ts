/** Storage records as the spec's bodies. */
import type { components } from '@lockstep/contract';
import type { Bucket, BucketUsage } from './buckets-store';
import type { StoredFile } from './objects-store';

type Schemas = components['schemas'];

/** A bucket with its usage as `StorageBucket`: `public` and `policy` are two views of one setting. */
export function toStorageBucket(bucket: Bucket, usage: BucketUsage): Schemas['StorageBucket'] {
  return {
    id: bucket.id,
    name: bucket.name,
    public: bucket.policy === 'public',
    policy: bucket.policy,
    file_size_limit: bucket.fileSizeLimit,
    allowed_mime_types: bucket.allowedMimeTypes,
    quota_bytes: bucket.quotaBytes,
    created_at: bucket.createdAt,
    updated_at: bucket.updatedAt,
    file_count: usage.files,
    total_size: usage.bytes,
  };
}

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
