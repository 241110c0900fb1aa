/**
 * A file key at the end of a path (`x-lockstep-path-tail`) travels as a path: each segment
 * encoded, the slashes kept (`folder/my%20file.txt`), as the server and the dashboard expect.
 * openapi-fetch would encode it into one segment, so the key is put in the path first.
 */
import { type RoutedPath, trailingParameter } from '@lockstep/contract';

type Init = { params?: { path?: Record<string, unknown> } } & Record<string, unknown>;

/** The key as a path: every segment encoded, the slashes kept. */
export function encodeKeyPath(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}

/** The path template with the tail parameter filled in, and `init` without it. */
export function withPathTail(operation: RoutedPath, init: Init | undefined): [string, Init | undefined] {
  const name = operation.pathTail ? trailingParameter(operation.path) : undefined;
  const value = name === undefined ? undefined : init?.params?.path?.[name];
  if (name === undefined || value === undefined || value === null) return [operation.path, init];
  const { [name]: _, ...otherPathParams } = init?.params?.path ?? {};
  const path = operation.path.replace(`{${name}}`, encodeKeyPath(String(value)));
  return [path, { ...init, params: { ...init?.params, path: otherPathParams } }];
}
