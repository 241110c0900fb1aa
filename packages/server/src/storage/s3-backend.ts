/**
 * Objects in S3-compatible object storage (AWS S3, MinIO, Ceph, s3rver) through the AWS
 * SDK. One S3 bucket holds every Lockstep bucket as a key prefix: `<bucket>/<key>`.
 * Uploads stream to `.staging/<uuid>` with a multipart upload (`@aws-sdk/lib-storage`),
 * which S3 only makes visible once complete and aborts on failure, then a server-side copy
 * commits them under their key.
 */
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  AbortMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import {
  assertBucketName,
  type ByteRange,
  ObjectNotFoundError,
  type PutOptions,
  STAGING_IDLE_MS,
  STARTUP_STAGING_GRACE_MS,
  type StagedObject,
  type StorageBackend,
  type StoredObject,
  stageAndCommit,
  sweepPeriodically,
  UnsafeKeyError,
} from './backend';
import { Measure } from './measure';
import { keyProblem } from './safe-key';

/** How to reach the object store. */
export interface S3Options {
  /** The service URL; omit for AWS. @default undefined */
  endpoint?: string;
  /** @default 'us-east-1' */
  region?: string;
  /** The one S3 bucket that holds every Lockstep bucket. @default 'lockstep' */
  bucket?: string;
  /** Without keys the SDK's default credential chain is used. @default undefined */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Path-style URLs (`endpoint/bucket/key`), which most S3-compatible servers need. @default true */
  forcePathStyle?: boolean;
}

const STAGING = '.staging';
const PART_SIZE = 8 * 1024 * 1024;

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
}

function isMissing(error: unknown): boolean {
  const name = (error as Error)?.name;
  return statusOf(error) === 404 || name === 'NoSuchKey' || name === 'NotFound';
}

/** Encodes a key for `CopySource`, keeping its slashes. */
function copySource(bucket: string, key: string): string {
  return `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

/** Objects in one S3 bucket, under one prefix per Lockstep bucket. */
export class S3Backend implements StorageBackend {
  readonly kind = 's3';
  private readonly client: S3Client;
  private readonly bucket: string;
  private stopSweeping = () => {};

  constructor(options: S3Options) {
    this.bucket = options.bucket ?? 'lockstep';
    this.client = new S3Client({
      endpoint: options.endpoint,
      region: options.region ?? 'us-east-1',
      forcePathStyle: options.forcePathStyle ?? true,
      credentials:
        options.accessKeyId && options.secretAccessKey
          ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey }
          : undefined,
      // S3-compatible servers do not all understand the newer default checksums.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async init(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (error) {
      if (!isMissing(error)) throw error;
      await this.client.send(new CreateBucketCommand({ Bucket: this.bucket }));
    }
    await this.sweepStaging(STARTUP_STAGING_GRACE_MS);
    this.stopSweeping = sweepPeriodically(() => this.sweepStaging(STAGING_IDLE_MS));
  }

  async sweepStaging(idleMs: number): Promise<number> {
    const before = Date.now() - idleMs;
    let removed = 0;
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: `${STAGING}/`, ContinuationToken: token }),
      );
      for (const item of page.Contents ?? []) {
        if (!item.Key || (item.LastModified?.getTime() ?? 0) > before) continue;
        await this.deleteObject(item.Key);
        removed++;
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return removed + (await this.abortStaleMultipartUploads(before));
  }

  /** Multipart uploads a crash left open hold parts that cost storage until aborted. */
  private async abortStaleMultipartUploads(before: number): Promise<number> {
    let uploads: Array<{ Key?: string; UploadId?: string; Initiated?: Date }>;
    try {
      const page = await this.client.send(
        new ListMultipartUploadsCommand({ Bucket: this.bucket, Prefix: `${STAGING}/` }),
      );
      uploads = page.Uploads ?? [];
    } catch {
      return 0; // Not every S3-compatible server lists multipart uploads (s3rver does not).
    }
    const stale = uploads.filter((u) => u.Key && u.UploadId && (u.Initiated?.getTime() ?? 0) <= before);
    for (const u of stale)
      await this.client.send(
        new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: u.Key, UploadId: u.UploadId }),
      );
    return stale.length;
  }

  async stage(body: Readable, options: PutOptions): Promise<StagedObject> {
    const staging = `${STAGING}/${randomUUID()}`;
    const measure = new Measure(options.maxBytes);
    const upload = new Upload({
      client: this.client,
      params: {
        Bucket: this.bucket,
        Key: staging,
        Body: measure,
        ContentType: options.contentType ?? 'application/octet-stream',
      },
      partSize: PART_SIZE,
      queueSize: 2,
    });
    const uploaded = upload.done().catch((error) => {
      measure.destroy(error);
      throw error;
    });
    const [sent, piped] = await Promise.allSettled([uploaded, pipeline(body, measure)]);
    if (sent.status === 'rejected' || piped.status === 'rejected') {
      await this.deleteObject(staging).catch(() => undefined);
      throw measure.errored ?? (piped.status === 'rejected' ? piped.reason : (sent as PromiseRejectedResult).reason);
    }
    return {
      size: measure.byteCount,
      etag: measure.etag(),
      commit: async (bucket, key) => {
        await this.client.send(
          new CopyObjectCommand({
            Bucket: this.bucket,
            Key: this.objectKey(bucket, key),
            CopySource: copySource(this.bucket, staging),
            ContentType: options.contentType ?? 'application/octet-stream',
            MetadataDirective: 'REPLACE',
          }),
        );
        await this.deleteObject(staging);
      },
      discard: () => this.deleteObject(staging),
    };
  }

  put(bucket: string, key: string, body: Readable, options: PutOptions): Promise<StoredObject> {
    return stageAndCommit(this, bucket, key, body, options);
  }

  async get(bucket: string, key: string, range?: ByteRange): Promise<Readable> {
    try {
      const result = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: this.objectKey(bucket, key),
          Range: range ? `bytes=${range.start}-${range.end}` : undefined,
        }),
      );
      return result.Body as Readable;
    } catch (error) {
      if (isMissing(error)) throw new ObjectNotFoundError(bucket, key);
      throw error;
    }
  }

  async head(bucket: string, key: string): Promise<{ size: number } | undefined> {
    try {
      const result = await this.client.send(
        new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(bucket, key) }),
      );
      return { size: result.ContentLength ?? 0 };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async delete(bucket: string, key: string): Promise<void> {
    await this.deleteObject(this.objectKey(bucket, key));
  }

  async copy(bucket: string, from: string, to: string): Promise<void> {
    try {
      await this.client.send(
        new CopyObjectCommand({
          Bucket: this.bucket,
          Key: this.objectKey(bucket, to),
          CopySource: copySource(this.bucket, this.objectKey(bucket, from)),
        }),
      );
    } catch (error) {
      if (isMissing(error)) throw new ObjectNotFoundError(bucket, from);
      throw error;
    }
  }

  async move(bucket: string, from: string, to: string): Promise<void> {
    await this.copy(bucket, from, to);
    await this.delete(bucket, from);
  }

  async list(bucket: string, prefix = ''): Promise<string[]> {
    const base = this.prefixOf(bucket);
    return (await this.keysWith(base + prefix)).map((key) => key.slice(base.length));
  }

  inventory(): Promise<string[]> {
    return this.keysWith('');
  }

  async deleteBucket(bucket: string): Promise<void> {
    const base = this.prefixOf(bucket);
    const keys = await this.list(bucket);
    for (let i = 0; i < keys.length; i += 1000) {
      const batch = keys.slice(i, i + 1000).map((key) => ({ Key: base + key }));
      await this.client.send(
        new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: batch, Quiet: true } }),
      );
    }
  }

  async close(): Promise<void> {
    this.stopSweeping();
    this.client.destroy();
  }

  private prefixOf(bucket: string): string {
    assertBucketName(bucket);
    return `${bucket}/`;
  }

  private objectKey(bucket: string, key: string): string {
    const problem = keyProblem(key);
    if (problem) throw new UnsafeKeyError(`The key ${problem}.`);
    return this.prefixOf(bucket) + key;
  }

  private async keysWith(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const item of page.Contents ?? []) if (item.Key) keys.push(item.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys.sort();
  }

  private async deleteObject(objectKey: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: objectKey }));
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }
}
