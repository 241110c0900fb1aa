/**
 * The shared fixture of the round-trip tests: a table, its rows, callers and a corpus of
 * expressions whose compiled SQL must select exactly the rows `evaluatePolicy` accepts.
 * Test-only; not exported from the index.
 */
import type { PolicyCaller } from './ast';

/** A row of the `posts` table, as the application would write it. */
export interface PostRow {
  id: number;
  owner_id: string | null;
  status: string | null;
  title: string | null;
  score: number | null;
  price: number | null;
  is_public: boolean | null;
  locked: boolean | null;
  deleted_at: string | null;
  note: string | null;
  code: string | null;
}

const ada = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const bob = '0b4f5e3a-1111-4c2d-9e8f-123456789abc';

/** Column definitions: name, SQLite type, PostgreSQL type (as the database module maps them). */
export const POST_COLUMNS: [keyof PostRow, string, string][] = [
  ['id', 'INTEGER PRIMARY KEY', 'integer PRIMARY KEY'],
  ['owner_id', 'TEXT', 'uuid'],
  ['status', 'TEXT', 'text COLLATE "C"'],
  ['title', 'TEXT', 'text COLLATE "C"'],
  ['score', 'INTEGER', 'integer'],
  ['price', 'REAL', 'double precision'],
  ['is_public', 'INTEGER', 'boolean'],
  ['locked', 'INTEGER', 'boolean'],
  ['deleted_at', 'TEXT', 'timestamptz'],
  ['note', 'TEXT', 'text COLLATE "C"'],
  ['code', 'TEXT', 'text COLLATE "C"'],
];

const base: PostRow = {
  id: 0,
  owner_id: null,
  status: null,
  title: null,
  score: null,
  price: null,
  is_public: null,
  locked: null,
  deleted_at: null,
  note: null,
  code: null,
};

/** The rows: every column is null in at least one of them. */
export const POST_ROWS: PostRow[] = [
  {
    ...base,
    id: 1,
    owner_id: ada,
    status: 'published',
    title: 'Alpha',
    score: 10,
    price: 5,
    is_public: true,
    locked: false,
    code: '42',
  },
  {
    ...base,
    id: 2,
    owner_id: ada,
    status: 'draft',
    title: 'beta',
    score: 50,
    price: 9.99,
    is_public: false,
    locked: true,
    code: '042',
  },
  {
    ...base,
    id: 3,
    owner_id: bob,
    status: 'archived',
    title: 'Zeta',
    score: 1,
    price: 0.5,
    is_public: true,
    locked: null,
    deleted_at: '2026-01-20T10:15:00.000Z',
    note: "it's",
    code: '10',
  },
  {
    ...base,
    id: 4,
    owner_id: bob,
    status: 'published',
    title: 'Mu',
    score: null,
    price: 12.25,
    is_public: false,
    locked: false,
    note: "'; drop table x; --",
    code: '9',
  },
  {
    ...base,
    id: 5,
    owner_id: null,
    status: null,
    title: null,
    score: 3,
    price: null,
    is_public: null,
    locked: false,
    note: '1 or 1=1',
  },
  {
    ...base,
    id: 6,
    owner_id: ada,
    status: 'archived',
    title: 'mu',
    score: -2,
    price: 10,
    is_public: false,
    locked: false,
    note: 'back\\slash ’quote’',
    code: '',
  },
];

/** The callers each expression is tried with. */
export const CALLERS: Record<string, PolicyCaller> = {
  ada: { uid: ada, role: 'user' },
  bob: { uid: bob, role: 'user' },
  anon: { uid: null, role: 'anon' },
  service: { uid: null, role: 'service' },
};

/** The corpus: the spec's examples, every construct, null semantics, and cross-type comparisons. */
export const EXPRESSIONS: string[] = [
  'owner_id = auth.uid()',
  'is_public = true or owner_id = auth.uid()',
  "status in ('published', 'archived') and deleted_at is null",
  "auth.role() = 'user' and not (locked = true)",
  'not (locked = true)',
  'locked != true',
  'locked = false and is_public = false',
  'score > 10',
  'score >= 3 and score <= 50',
  "score = '10'",
  'price < 9.99',
  'price = 5',
  'score = price',
  'score < price or price is null',
  'score in (1, 2, 3, null)',
  'not (score in (1, null))',
  "status != 'draft'",
  "title < 'M'",
  "title >= 'Mu' and title <= 'mu'",
  "note = 'it''s'",
  "note in ('''; drop table x; --', '1 or 1=1', 'back\\slash ’quote’')",
  'code = 42',
  'code > 9',
  'code in (42, 10)',
  'auth.uid() is null',
  'auth.uid() is not null and owner_id = auth.uid()',
  'auth.uid() in (owner_id)',
  "auth.role() in ('user', 'service') and not (deleted_at is not null)",
  'true',
  'FALSE',
  'not (owner_id = auth.uid() or is_public = true)',
  'owner_id = null or not (owner_id != null)',
  "1 < 2 and 'a' < 'b' and true = true",
  'null is null and score is not null',
  "(status = 'draft' or status = 'published') and (score > 5 or price is null)",
  'not not (score > 10)',
];

/** Pairs of policies OR-ed together, as a table with several policies is checked. */
export const POLICY_SETS: string[][] = [
  [],
  ['owner_id = auth.uid()'],
  ['owner_id = auth.uid()', 'is_public = true'],
  ["status = 'draft'", 'score > 10 or price is null', 'not (locked = true)'],
];
