/**
 * The bare baseline the reference server is measured against: Fastify with the engine's
 * driver and nothing else (no auth, validation, RLS or logging), serving the same data the
 * reference server seeded. Each route does the least its scenario needs: the same query, the
 * same password check (argon2) and token signing (jose) for login, the same 1 MB file.
 */
import { createReadStream } from 'node:fs';
import { verify } from '@node-rs/argon2';
import SQLite from 'better-sqlite3';
import Fastify from 'fastify';
import { SignJWT } from 'jose';
import pg from 'pg';
import { answerCpuQueries } from './cpu-report';

type Row = Record<string, unknown>;
interface Engine {
  one(sql: string, params: unknown[]): Promise<Row | undefined>;
  all(sql: string, params: unknown[]): Promise<Row[]>;
}

function sqliteEngine(file: string): Engine {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  const statements = new Map<string, SQLite.Statement>();
  const prepared = (sql: string) => {
    const cached = statements.get(sql);
    if (cached) return cached;
    const statement = db.prepare(sql);
    statements.set(sql, statement);
    return statement;
  };
  return {
    one: async (sql, params) => prepared(sql).get(...params) as Row | undefined,
    all: async (sql, params) => prepared(sql).all(...params) as Row[],
  };
}

function postgresEngine(url: string, schema: string): Engine {
  const pool = new pg.Pool({ connectionString: url, max: 10, options: `-c search_path=${schema}` });
  return {
    one: async (sql, params) => (await pool.query(sql, params)).rows[0],
    all: async (sql, params) => (await pool.query(sql, params)).rows,
  };
}

const isPg = Boolean(process.env.DATABASE_URL);
const engine = isPg
  ? postgresEngine(process.env.DATABASE_URL!, process.env.PG_SCHEMA!)
  : sqliteEngine(process.env.SQLITE_FILE!);
const p = (n: number) => (isPg ? `$${n}` : '?');
const secret = new TextEncoder().encode('bench-secret-bench-secret-bench-secret-0123456789');

const app = Fastify({ logger: false });
app.get('/health', async () => ({ status: 'ok' }));
app.get<{ Params: { id: string } }>('/notes/:id', async (req) =>
  engine.one(`select * from notes where id = ${p(1)}`, [req.params.id]),
);
app.get<{ Querystring: { limit?: string; offset?: string } }>('/notes', async (req, reply) => {
  const rows = await engine.all(`select * from notes order by id asc limit ${p(1)} offset ${p(2)}`, [
    Number(req.query.limit ?? 50),
    Number(req.query.offset ?? 0),
  ]);
  const total = await engine.one('select count(*) as n from notes', []);
  reply.header('x-total-count', String(total?.n));
  return rows;
});
app.post<{ Body: { title: string } }>('/events', async (req, reply) => {
  const row = await engine.one(`insert into events (title) values (${p(1)}) returning *`, [req.body.title]);
  reply.code(201);
  return [row];
});
// The page the reference server answers: in key order, with the total the caller may see.
app.get<{ Querystring: { owner: string } }>('/owned_notes', async (req, reply) => {
  const rows = await engine.all(`select * from owned_notes where owner_id = ${p(1)} order by id limit 50`, [
    req.query.owner,
  ]);
  const total = await engine.one(`select count(*) as n from owned_notes where owner_id = ${p(1)}`, [req.query.owner]);
  reply.header('x-total-count', String(total?.n));
  return rows;
});
app.post<{ Body: { email: string; password: string } }>('/login', async (req, reply) => {
  const user = await engine.one(`select id, password_hash from ls_users where email = ${p(1)}`, [req.body.email]);
  if (!user || !(await verify(String(user.password_hash), req.body.password))) return reply.code(401).send();
  const token = await new SignJWT({ sub: String(user.id) })
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime('1h')
    .sign(secret);
  return { access_token: token };
});
app.get('/file', (_req, reply) => {
  reply.header('content-type', 'application/octet-stream');
  return reply.send(createReadStream(process.env.FILE!));
});

const address = await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
answerCpuQueries();
// SIGINT ends the process normally, so that `--cpu-prof` (the bench's `--profile`) writes its profile.
process.once('SIGINT', () => void app.close().then(() => process.exit(0)));
process.send?.({ ready: address });
