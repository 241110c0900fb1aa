/**
 * What the storage suites share (each runs with `contractSuite(..., { storage: true })`, on
 * every server target and storage backend): buckets, multipart uploads, binary downloads,
 * and what the storage medium holds.
 */
import type { ApiResponse, Caller } from './harness/api';
import type { Person } from './harness/fixtures';
import type { SuiteContext } from './harness/suite';
import type { Credential } from './harness/typed-call';

export type { Credential };

let counter = 0;

/** A fresh bucket name. */
export function uniqueBucketName(label = 'b'): string {
  counter++;
  return `${label}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

/** A key as one path segment (`encodeURIComponent`), as the dashboard's service sends it. */
export const enc = encodeURIComponent;

/** Creates a bucket as `admin`; returns its name. */
export async function createBucket(c: Caller, admin: Person, settings: Record<string, unknown> = {}): Promise<string> {
  const name = uniqueBucketName();
  const res = await c.call('createBucket', { body: { name, ...settings }, token: admin.token });
  if (res.status !== 201) throw new Error(`bucket: ${res.status} ${JSON.stringify(res.body)}`);
  return name;
}

function authHeaders(who: Credential = {}): Record<string, string> {
  const headers: Record<string, string> = {};
  if (who.token) headers.authorization = `Bearer ${who.token}`;
  if (who.apiKey) headers.apikey = who.apiKey;
  return headers;
}

/** One multipart upload. */
export interface UploadOptions extends Credential {
  data?: string | Uint8Array;
  filename?: string;
  type?: string;
  /** The `path` field, sent after the file as the dashboard does. */
  path?: string;
  upsert?: boolean;
  metadata?: Record<string, unknown>;
  /** Upload through `/storage/v1/...` (the file browser). */
  v1?: boolean;
}

/**
 * Uploads one file as multipart form data, built by hand so that field order (the `path`
 * after the file, as the dashboard sends it) is what the test says; answers the JSON reply.
 */
export async function upload(t: SuiteContext, bucket: string, options: UploadOptions = {}): Promise<ApiResponse> {
  const form = new FormData();
  const data = options.data ?? 'hello';
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  form.append(
    'file',
    new Blob([bytes as Uint8Array<ArrayBuffer>], { type: options.type ?? 'text/plain' }),
    options.filename ?? 'hello.txt',
  );
  if (options.path !== undefined) form.append('path', options.path);
  if (options.upsert !== undefined) form.append('upsert', String(options.upsert));
  if (options.metadata !== undefined) form.append('metadata', JSON.stringify(options.metadata));
  const prefix = options.v1 ? '/storage/v1/buckets' : '/storage/buckets';
  const response = await t.send(
    new Request(`${t.target.baseUrl}${prefix}/${bucket}/files`, {
      method: 'POST',
      headers: authHeaders(options),
      body: form,
    }),
  );
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

/** A download: status, headers, the bytes, and the error body when JSON. */
export interface Downloaded {
  status: number;
  headers: Headers;
  bytes: Buffer;
  body: any;
}

/** GETs `path` and reads the answer as bytes. */
export async function download(
  t: SuiteContext,
  path: string,
  options: Credential & { headers?: Record<string, string> } = {},
): Promise<Downloaded> {
  const response = await t.send(
    new Request(`${t.target.baseUrl}${path}`, { headers: { ...authHeaders(options), ...options.headers } }),
  );
  const bytes = Buffer.from(await response.arrayBuffer());
  const json = (response.headers.get('content-type') ?? '').includes('application/json');
  return {
    status: response.status,
    headers: response.headers,
    bytes,
    body: json ? JSON.parse(bytes.toString()) : undefined,
  };
}

/** Everything the server's storage medium holds (in-process targets), staging included. */
export async function listStoredObjects(t: SuiteContext): Promise<string[]> {
  const app = t.target.app;
  if (!app) return [];
  return app.services.storage.context.backend.inventory();
}

/** Deterministic bytes of a given size. */
export function patternBytes(size: number, seed = 1): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = (i * 7 + seed) & 0xff;
  return out;
}
