/** Orders table definitions so that a table comes after the tables its columns reference. */
import type { TableSchema } from '../../data/schema-service';

/** `tables` with referenced tables first; a cycle keeps the remaining tables in name order. */
export function referencedFirst<T extends Pick<TableSchema, 'name' | 'columns'>>(tables: T[]): T[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const placed = new Set<string>();
  const out: T[] = [];
  const visit = (table: T, path: Set<string>) => {
    if (placed.has(table.name) || path.has(table.name)) return;
    path.add(table.name);
    for (const column of table.columns) {
      const target = column.references ? byName.get(column.references.table) : undefined;
      if (target && target.name !== table.name) visit(target, path);
    }
    placed.add(table.name);
    out.push(table);
  };
  for (const table of [...tables].sort((a, b) => (a.name < b.name ? -1 : 1))) visit(table, new Set());
  return out;
}
