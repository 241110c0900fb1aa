/**
 * The data both servers are measured on, made through the reference server's own API: the
 * first admin, a 10,000-row `notes` table with text keys `n0`..`n9999`, an `events` table
 * for inserts, an `owned_notes` table with an owner-only RLS policy and a user who owns a
 * hundred of its rows, and a 1 MB file in a private bucket.
 */
import { randomBytes } from 'node:crypto';

export interface Seeded {
  adminToken: string;
  userToken: string;
  userId: string;
  userEmail: string;
  userPassword: string;
  file: Buffer;
}

/** What sends the seeding requests: the network by default, or an in-process app's `fetch`. */
export type Send = (request: Request) => Response | Promise<Response>;
let send: Send = (request) => fetch(request);

async function call(base: string, method: string, path: string, body?: unknown, token?: string, extra = {}) {
  const res = await send(
    new Request(`${base}${path}`, {
      method,
      headers: {
        ...(body !== undefined && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...extra,
      },
      body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
    }),
  );
  const text = await res.text();
  if (!res.ok) throw new Error(`seed: ${method} ${path} answered ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

const rowsSql = (engine: 'sqlite' | 'postgres', table: string, select: string) =>
  engine === 'postgres'
    ? `insert into ${table} select ${select.replaceAll('$i', 'i')} from generate_series(0, 9999) as i`
    : `insert into ${table} with recursive s(i) as (select 0 union all select i + 1 from s where i < 9999) select ${select.replaceAll('$i', 'i')} from s`;

export async function seed(
  base: string,
  engine: 'sqlite' | 'postgres',
  setupToken: string,
  through: Send = (request) => fetch(request),
): Promise<Seeded> {
  send = through;
  const admin = { email: 'admin@bench.local', password: 'Bench-admin-passphrase-1' };
  await call(base, 'POST', '/setup/admin', { ...admin, confirm_password: admin.password }, undefined, {
    'x-setup-token': setupToken,
  });
  const adminToken = (await call(base, 'POST', '/auth/login', admin)).access_token as string;
  const user = { email: 'user@bench.local', password: 'Bench-user-passphrase-1' };
  const signedUp = await call(base, 'POST', '/auth/signup', user);
  const userId = signedUp.user.id as string;
  const text = (name: string, extra = {}) => ({ name, type: 'text', ...extra });
  await call(
    base,
    'POST',
    '/api/tables',
    { name: 'notes', columns: [text('id', { primary_key: true }), text('title'), text('body')] },
    adminToken,
  );
  await call(base, 'POST', '/api/tables', { name: 'events', columns: [text('title')] }, adminToken);
  await call(
    base,
    'POST',
    '/api/tables',
    { name: 'owned_notes', columns: [text('id', { primary_key: true }), text('owner_id'), text('title')] },
    adminToken,
  );
  const concat = engine === 'postgres' ? "'n' || $i" : "'n' || $i";
  await call(
    base,
    'POST',
    '/api/query',
    { query: rowsSql(engine, 'notes', `${concat}, 'note ' || $i, 'the body of note ' || $i`) },
    adminToken,
  );
  await call(
    base,
    'POST',
    '/api/query',
    {
      query: rowsSql(
        engine,
        'owned_notes',
        `${concat}, case when $i % 100 = 0 then '${userId}' else 'someone-else' end, 'owned ' || $i`,
      ),
    },
    adminToken,
  );
  await call(
    base,
    'POST',
    '/auth/rls/owned_notes',
    { name: 'owner_only', operation: 'all', expression: 'owner_id = auth.uid()' },
    adminToken,
  );
  await call(base, 'POST', '/storage/buckets', { name: 'bench', public: false }, adminToken);
  const file = randomBytes(1024 * 1024);
  const form = new FormData();
  form.append('file', new Blob([file], { type: 'application/octet-stream' }), 'big.bin');
  form.append('path', 'big.bin');
  await call(base, 'POST', '/storage/buckets/bench/files', form, adminToken);
  const userToken = (await call(base, 'POST', '/auth/login', user)).access_token as string;
  return { adminToken, userToken, userId, userEmail: user.email, userPassword: user.password, file };
}
