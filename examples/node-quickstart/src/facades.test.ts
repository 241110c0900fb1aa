import { expect, it } from 'vitest';
import { facades } from './facades';

it('reads and writes a table and a bucket through the facades, against the real server', async () => {
  const report = await facades();
  expect(report).toMatchObject({
    inserted: 4,
    openTitles: ['write docs', 'ship it'],
    total: 2,
    upsertedTitle: 'buy oat milk',
    updated: 2,
    deleted: 3,
    left: 1,
    uploadedBytes: 200_000,
    listed: ['hello.txt', 'me.bin'],
    downloaded: 'hello',
    signedDownload: 'hello',
    publicDownload: 'hello',
    removed: ['users/42/hello.txt', 'users/42/me.bin'],
  });
  expect(report.progressEnd?.loaded).toBe(report.progressEnd?.total);
  expect(report.progressEnd?.total).toBeGreaterThan(200_000);
});
