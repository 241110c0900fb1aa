/**
 * An S3-compatible server for tests: s3rver on 127.0.0.1, a free port and a temporary
 * directory, with the credentials it accepts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import type { S3Options } from './s3-backend';

/** A running s3rver and the options that reach it. */
export interface TestS3Server {
  options: Required<Omit<S3Options, 'bucket'>> & { bucket: string };
  stop(): Promise<void>;
}

/** Starts s3rver; `stop()` closes it and removes its directory. */
export async function startS3rver(bucket = 'lockstep-test'): Promise<TestS3Server> {
  const directory = mkdtempSync(join(tmpdir(), 'lockstep-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
  const { port } = await server.run();
  return {
    options: {
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      bucket,
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
