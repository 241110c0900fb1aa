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
  // The hand-written Database type of facades.ts is what `lockstep gen types` writes for this server.
  const notes = report.typesSource.split('  notes: {')[1];
  expect(notes).toContain(
    '    Row: {\n      id: number;\n      title: string;\n      done: boolean;\n      stars: number | null;\n',
  );
  expect(notes).toContain(
    '    Insert: {\n      id?: number;\n      title: string;\n      done?: boolean;\n      stars?: number | null;\n',
  );
  expect(report.progressEnd?.loaded).toBe(report.progressEnd?.total);
  expect(report.progressEnd?.total).toBeGreaterThan(200_000);
});
