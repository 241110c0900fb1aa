/**
 * The key of a form upload, from its `path` field and the file part's filename: inside
 * `path` when it names a folder, `path` itself otherwise.
 */
import { errors } from '../../../http/http-error';
import type { Bucket } from '../buckets/store';
import type { StorageContext } from '../context';
import { isFolder } from '../key-clash';
import { checkFileKey } from '../keys';

const hasExtension = (name: string) => /.\.[^./]+$/.test(name);

/**
 * Whether `path` reads as a folder for a file named `filename`: its last segment has no
 * extension while the filename has one (the dashboard's `bulkUpload` sends `path=bulk` with
 * `a.txt`, `b.txt`, ...), and it is not the filename itself.
 */
export function namesFolderByShape(path: string, filename: string): boolean {
  const last = path.slice(path.lastIndexOf('/') + 1);
  return last !== filename && !hasExtension(last) && hasExtension(filename);
}

/**
 * The key of an uploaded file from the form's `path` and the part's filename: inside `path`
 * when it ends with `/`, names a folder, or reads as one ({@link namesFolderByShape}); `path`
 * itself otherwise; the filename without it.
 */
export async function uploadKey(
  ctx: StorageContext,
  bucket: Bucket,
  path: string | undefined,
  filename: string,
): Promise<string> {
  const inside = (folder: string) => {
    if (!filename)
      throw errors.validation([{ field: 'body.file', message: 'has no filename; send a full key in path' }]);
    return folder ? `${folder}/${filename}` : filename;
  };
  if (path === undefined || path === '') return inside('');
  if (path.endsWith('/')) return inside(path.slice(0, -1));
  checkFileKey(path, 'body.path');
  if (namesFolderByShape(path, filename)) return inside(path);
  return (await isFolder(ctx, bucket, path)) ? inside(path) : path;
}
