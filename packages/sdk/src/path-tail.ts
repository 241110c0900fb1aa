/**
 * A file key at the end of a path (`x-lockstep-path-tail`) travels as a path: each segment
 * encoded, the slashes kept (`folder/my%20file.txt`), as the server and the dashboard expect.
 * openapi-fetch would encode it into one segment, so the key is put in the path first.
 */
import { type RoutedPath, trailingParameter } from '@lockstep/contract';

type Init = { params?: { path?: Record<string, unknown> } } & Record<string, unknown>;

/** A segment the URL parser would collapse or drop (`.`, `..`, an empty one). */
const UNSAFE_SEGMENT = /^\.{0,2}$/;

/**
 * The key as a path: every segment encoded, the slashes kept. A key with a segment the URL
 * parser would rewrite (`..`, `.`, empty) goes as one encoded segment instead, so it reaches
 * the server as sent, which refuses it, rather than resolving to another URL.
 */
export function encodeKeyPath(key: string): string {
  const segments = key.split('/').map(encodeURIComponent);
  return segments.some((s) => UNSAFE_SEGMENT.test(s)) ? encodeURIComponent(key) : segments.join('/');
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
