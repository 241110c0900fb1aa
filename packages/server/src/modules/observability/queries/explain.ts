/**
 * `explain` for an admin's statement, through the raw-SQL runner (same statement timeout):
 * SQLite `EXPLAIN QUERY PLAN`, PostgreSQL `EXPLAIN (FORMAT JSON)`, neither of which runs the
 * statement (the option list keeps `ANALYZE` out of reach). The plan becomes text, its cost
 * (PostgreSQL's total cost; on SQLite the count of full scans), and a `CREATE INDEX` for each
 * column the statement filters a scanned table on.
 */
import type { SqlRunner } from '../../../data/sql-runner';
import { HttpError } from '../../../http/http-error';

/** The answer of `explainQuery`. */
export interface Explained {
  plan: string;
  estimated_cost: number;
  index_suggestions: string[];
}

interface PgNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Total Cost'?: number;
  'Plan Rows'?: number;
  Filter?: string;
  Plans?: PgNode[];
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

function suggestion(table: string, column: string): string | undefined {
  if (!IDENT.test(table) || !IDENT.test(column)) return undefined;
  return `CREATE INDEX ${table}_${column}_idx ON ${table} (${column})`;
}

/** Columns compared in a WHERE clause or a PostgreSQL filter: `col = …`, `col LIKE …`, `col IN …`. */
export function filteredColumns(text: string): string[] {
  const where = /\bwhere\b([\s\S]*)/i.exec(text)?.[1] ?? text;
  const out = new Set<string>();
  const re = /"?([A-Za-z_][A-Za-z0-9_]*)"?\s*(?:=|<>|!=|<=|>=|<|>|~~\*?|\blike\b|\bilike\b|\bin\b)/gi;
  for (const m of where.matchAll(re)) {
    const word = m[1].toLowerCase();
    if (!['and', 'or', 'not', 'where', 'text', 'integer'].includes(word)) out.add(m[1]);
  }
  return [...out];
}

function pgLines(node: PgNode, depth: number, out: string[], scans: PgNode[]): void {
  const on = node['Relation Name'] ? ` on ${node['Relation Name']}` : '';
  const using = node['Index Name'] ? ` using ${node['Index Name']}` : '';
  const cost = `(cost=${node['Total Cost'] ?? 0} rows=${node['Plan Rows'] ?? 0})`;
  out.push(`${'  '.repeat(depth)}${depth ? '-> ' : ''}${node['Node Type']}${using}${on}  ${cost}`);
  if (node.Filter) out.push(`${'  '.repeat(depth + 1)}Filter: ${node.Filter}`);
  if (node['Node Type'] === 'Seq Scan') scans.push(node);
  for (const child of node.Plans ?? []) pgLines(child, depth + 1, out, scans);
}

function explainPostgres(value: unknown): Explained {
  const doc = (typeof value === 'string' ? JSON.parse(value) : value) as { Plan: PgNode }[];
  const root = doc[0].Plan;
  const lines: string[] = [];
  const scans: PgNode[] = [];
  pgLines(root, 0, lines, scans);
  const suggestions = scans.flatMap((s) =>
    filteredColumns(s.Filter ?? '').map((c) => suggestion(s['Relation Name'] ?? '', c)),
  );
  return {
    plan: lines.join('\n'),
    estimated_cost: root['Total Cost'] ?? 0,
    index_suggestions: [...new Set(suggestions.filter((s): s is string => !!s))],
  };
}

function explainSqlite(rows: Record<string, unknown>[], statement: string): Explained {
  const details = rows.map((r) => String(r.detail ?? ''));
  const scans = details.filter((d) => /^SCAN /.test(d) && !/USING (COVERING )?INDEX|PRIMARY KEY/.test(d));
  const tables = scans.map((d) => /^SCAN (?:TABLE )?"?(\w+)"?/.exec(d)?.[1]).filter((t): t is string => !!t);
  const columns = filteredColumns(statement);
  const suggestions = tables.flatMap((t) => columns.map((c) => suggestion(t, c)));
  return {
    plan: details.join('\n'),
    estimated_cost: scans.length,
    index_suggestions: [...new Set(suggestions.filter((s): s is string => !!s))],
  };
}

/** The plan of `statement`; 400 INVALID_QUERY when it does not parse or is itself an EXPLAIN. */
export async function explain(runner: SqlRunner, engine: 'sqlite' | 'postgres', statement: string): Promise<Explained> {
  if (/^\s*(explain|analyze)\b/i.test(statement))
    throw new HttpError(400, 'INVALID_QUERY', 'Send the statement itself, without EXPLAIN or ANALYZE.');
  if (engine === 'sqlite') {
    const result = await runner.explain(statement);
    return explainSqlite(result.rows, statement);
  }
  const result = await runner.execute(`EXPLAIN (FORMAT JSON) ${statement}`);
  const first = result.rows[0] ?? {};
  return explainPostgres(Object.values(first)[0]);
}
