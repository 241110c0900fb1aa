/** Keys and folder paths as requests send them: checked to be safe, with the errors the spec documents. */
import { errors } from '../../http/http-error';
import { keyProblem } from '../../storage/safe-key';

/** Keys at a bucket's root that name actions (`…/files/move`), never files. */
export const RESERVED_KEYS = new Set(['move', 'copy', 'bulk-delete']);

/** Throws 400 VALIDATION_FAILED unless `key` is a safe key; `field` names it in the error. */
export function checkKey(key: string, field: string): string {
  const problem = keyProblem(key);
  if (problem) throw errors.validation([{ field, message: problem }]);
  return key;
}

/** Like `checkKey`, and refuses the reserved action names as file keys. */
export function checkFileKey(key: string, field: string): string {
  checkKey(key, field);
  if (RESERVED_KEYS.has(key))
    throw errors.validation([{ field, message: `${key} at a bucket's root is reserved for an action` }]);
  return key;
}

/** A folder path as sent (a trailing `/` dropped), checked like a key. */
export function checkFolder(path: string, field: string): string {
  return checkKey(path.endsWith('/') ? path.slice(0, -1) : path, field);
}

/** The last segment of a key. */
export function nameOf(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1);
}
