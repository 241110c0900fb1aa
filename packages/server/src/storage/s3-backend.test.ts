import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { backendSuite } from './backend-suite';
import { S3Backend } from './s3-backend';
import { startS3rver } from './s3rver-fixture';

backendSuite('s3 (s3rver)', async () => {
  const server = await startS3rver();
  const { options } = server;
  const client = new S3Client({
    endpoint: options.endpoint,
    region: options.region,
    forcePathStyle: true,
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
  });
  return {
    backend: new S3Backend(options),
    leftovers: async () => {
      const page = await client.send(new ListObjectsV2Command({ Bucket: options.bucket }));
      return (page.Contents ?? []).map((o) => o.Key ?? '').sort();
    },
    stop: async () => {
      client.destroy();
      await server.stop();
    },
  };
});
