/**
 * The SDK's facades for humans against the reference server, in one process: a table read and
 * written with `from()`, a file uploaded with progress, listed, signed and removed. Run with
 * `npx tsx --conditions=source src/facades.ts` in this folder.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, generateDatabaseTypes } from '@lockstep/sdk';
import { createApp } from '@lockstep/server';

/** The notes table, as `lockstep gen types` would write it. */
type Database = {
  notes: {
    Row: { id: number; title: string; done: boolean; stars: number | null };
    Insert: { id?: number; title: string; done?: boolean; stars?: number | null };
    Update: { id?: number; title?: string; done?: boolean; stars?: number | null };
  };
};

/** What the walkthrough saw. */
export interface FacadesReport {
  inserted: number;
  openTitles: string[];
  total: number;
  upsertedTitle: string | undefined;
  updated: number;
  deleted: number;
  left: number;
  uploadedBytes: number;
  progressEnd: { loaded: number; total: number } | undefined;
  listed: string[];
  downloaded: string;
  signedDownload: string;
  publicDownload: string;
  removed: string[];
  /** What `lockstep gen types` writes for this server. */
  typesSource: string;
}

async function signedInAdmin(fetch: (request: Request) => Promise<Response>) {
  const client = createClient<Database>({ url: 'http://localhost:54321', fetch });
  const admin = { email: 'admin@example.com', password: 'Facades-pass-1' };
  await client.setup.createAdmin({ body: { ...admin, confirm_password: admin.password } });
  await client.auth.signIn({ body: admin });
  return client;
}

/** Walks the data and storage facades on a fresh server. */
export async function facades(dataDir = mkdtempSync(join(tmpdir(), 'lockstep-facades-'))): Promise<FacadesReport> {
  const app = await createApp({ dataDir, logLevel: 'silent' });
  try {
    const fetch = (request: Request) => app.fetch(request);
    const client = await signedInAdmin(fetch);
    await client.call('createTable', {
      body: {
        name: 'notes',
        columns: [
          { name: 'title', type: 'text', nullable: false },
          { name: 'done', type: 'boolean', nullable: false, default: false },
          { name: 'stars', type: 'integer' },
        ],
      },
    });
    const typesSource = await generateDatabaseTypes(client);
    const notes = client.from('notes');
    const { count: inserted } = await notes.insert(
      ['buy milk', 'write docs', 'ship it', 'rest'].map((title, i) => ({ title, stars: i, done: i === 3 })),
    );
    const open = await notes.select('id,title').eq('done', false).gte('stars', 1).order('id').range(0, 49);
    const { data: upserted } = await notes.upsert({ id: 1, title: 'buy oat milk' });
    const { count: updated } = await notes.update({ done: true }).in('title', ['write docs', 'ship it']);
    const { count: deleted } = await notes.delete().eq('done', true);
    const { count: left } = await notes.select().limit(1);

    await client.storage.createBucket({ body: { name: 'avatars', public: true } });
    const avatars = client.storage.from('avatars');
    let progressEnd: FacadesReport['progressEnd'];
    const bytes = new Uint8Array(200_000).fill(7);
    const { data: file } = await avatars.upload('users/42/me.bin', bytes, { onProgress: (p) => (progressEnd = p) });
    await avatars.upload('users/42/hello.txt', 'hello', { contentType: 'text/plain' });
    const { data: listed } = await avatars.list('users/42/');
    const { data: blob } = await avatars.download('users/42/hello.txt');
    const { data: signed } = await avatars.createSignedUrl('users/42/hello.txt', 60);
    const signedDownload = await (await fetch(new Request(signed?.url ?? 'http://x/missing'))).text();
    const publicUrl = avatars.getPublicUrl('users/42/hello.txt').data.publicUrl;
    const publicDownload = await (await fetch(new Request(publicUrl))).text();
    const { data: removed } = await avatars.remove(['users/42/me.bin', 'users/42/hello.txt']);
    return {
      inserted: inserted ?? 0,
      openTitles: (open.data ?? []).map((row) => row.title),
      total: open.count ?? -1,
      upsertedTitle: upserted?.[0]?.title,
      updated: updated ?? 0,
      deleted: deleted ?? 0,
      left: left ?? -1,
      uploadedBytes: file?.size ?? 0,
      progressEnd,
      listed: (listed ?? []).map((f) => f.name).sort(),
      downloaded: (await blob?.text()) ?? '',
      signedDownload,
      publicDownload,
      removed: (removed?.deleted ?? []).sort(),
      typesSource,
    };
  } finally {
    await app.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await facades());
}
