/**
 * What the storage suites share: each suite runs on every selected server target (SQLite,
 * PostgreSQL) and on both storage backends (local files, and S3 through an s3rver started
 * for the suite), plus helpers for multipart uploads, binary downloads and fixtures.
 * `LOCKSTEP_TEST_STORAGE=local` (or `s3`) narrows the backends; the default is both.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe } from 'vitest';
import { type Api, type ApiResponse, api } from './harness/api';
import { checkedFetch } from './harness/checked-fetch';
import { flushCoverage } from './harness/coverage';
import { type Person, setupAdmin, signUpUser } from './harness/fixtures';
import { selectedTargets, startTarget, type Target, type TargetName } from './harness/targets';

/** Where a suite's server keeps file bytes. */
export type StorageBackendName = 'local' | 's3';

/** What a storage suite body gets. */
export interface StorageContext {
  readonly target: Target;
  readonly client: Api;
  readonly backend: StorageBackendName;
  /** Sends a raw request through the spec-checking fetch (multipart, binary). */
  send(request: Request): Promise<Response>;
}

/** The backends this run covers. @default local and s3 */
export function storageBackends(): StorageBackendName[] {
  const names = (process.env.LOCKSTEP_TEST_STORAGE ?? 'local,s3').split(',').map((n) => n.trim());
  return names.filter((n): n is StorageBackendName => n === 'local' || n === 's3');
}

async function startS3(): Promise<{ options: Record<string, unknown>; stop: () => Promise<void> }> {
  const directory = mkdtempSync(join(tmpdir(), 'lockstep-contract-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
  const { port } = await server.run();
  return {
    options: {
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      bucket: `lockstep-${process.pid}-${Date.now().toString(36)}`,
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
    },
    stop: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** A server target with its storage backend; `stopStore` takes its s3rver away (tests of 503). */
export type StorageTarget = Target & { stopStore?: () => Promise<void> };

/** Starts a server target with the given storage backend; `stop` also stops its s3rver. */
export async function startStorageTarget(
  name: TargetName,
  backend: StorageBackendName,
  overrides: Record<string, unknown> = {},
): Promise<StorageTarget> {
  if (backend === 'local' || name === 'url') return startTarget(name, overrides);
  const s3 = await startS3();
  let stopped: Promise<void> | undefined;
  const stopStore = () => {
    stopped ??= s3.stop();
    return stopped;
  };
  const target = await startTarget(name, { storageBackend: 's3', s3: s3.options, ...overrides });
  return {
    ...target,
    stopStore,
    stop: async () => {
      await target.stop();
      await stopStore();
    },
  };
}

/** Declares `body` as a suite run on every server target and storage backend. */
export function storageSuite(file: string, name: string, body: (t: StorageContext) => void): void {
  const targets = selectedTargets().filter((t) => t !== 'mocks' && t !== 'http');
  const fileTag = basename(file).replace(/\.test\.ts$/, '');
  for (const targetName of targets) {
    const backends = targetName === 'url' ? (['local'] as const) : storageBackends();
    for (const backend of backends) {
      describe(`${name} [${targetName}, ${backend}]`, () => {
        let target: Target | undefined;
        let client: Api | undefined;
        let send: ((request: Request) => Promise<Response>) | undefined;
        const started = () => {
          if (!target || !client || !send) throw new Error('target not started');
          return { target, client, send };
        };
        const ctx: StorageContext = {
          get target() {
            return started().target;
          },
          get client() {
            return started().client;
          },
          backend,
          send: (request) => started().send(request),
        };
        beforeAll(async () => {
          target = await startStorageTarget(targetName, backend);
          client = api(target);
          send = checkedFetch(target);
        });
        afterAll(async () => {
          flushCoverage(fileTag);
          await target?.stop();
        });
        body(ctx);
      });
    }
  }
}

let counter = 0;

/** A fresh bucket name. */
export function bucketName(label = 'b'): string {
  counter++;
  return `${label}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

/** A key as one path segment (`encodeURIComponent`), as the dashboard's service sends it. */
export const enc = encodeURIComponent;

/** An admin and two plain users, signed in. */
export async function people(client: Api): Promise<{ admin: Person; alice: Person; bob: Person }> {
  const admin = await setupAdmin(client);
  return { admin, alice: await signUpUser(client, 'alice'), bob: await signUpUser(client, 'bob') };
}

/** An API key of `person` with `permissions`. */
export async function apiKey(client: Api, person: Person, permissions: string[]): Promise<string> {
  const res = await client.post('/auth/api-keys', { name: 'storage', permissions }, { token: person.token });
  if (res.status !== 201) throw new Error(`API key: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.secret;
}

/** Creates a bucket as `admin`; returns its name. */
export async function makeBucket(client: Api, admin: Person, settings: Record<string, unknown> = {}): Promise<string> {
  const name = bucketName();
  const res = await client.post('/storage/buckets', { name, ...settings }, { token: admin.token });
  if (res.status !== 201) throw new Error(`bucket: ${res.status} ${JSON.stringify(res.body)}`);
  return name;
}

/** Who sends a request. */
export interface Credential {
  token?: string;
  apiKey?: string;
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

/** Uploads one file as multipart form data; answers the JSON reply. */
export async function upload(t: StorageContext, bucket: string, options: UploadOptions = {}): Promise<ApiResponse> {
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
  t: StorageContext,
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
export async function storedObjects(t: StorageContext): Promise<string[]> {
  const app = t.target.app;
  if (!app) return [];
  return app.services.storage.context.backend.inventory();
}

/** Deterministic bytes of a given size. */
export function bytesOf(size: number, seed = 1): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = (i * 7 + seed) & 0xff;
  return out;
}
