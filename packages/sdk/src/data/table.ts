/**
 * `client.from('notes')`: the rows of one table through `/rest/v1`, the way supabase-js users
 * write it. Row-level security applies to every call, as the caller.
 */
import type { CallOperation } from '../call';
import { ReadQuery } from './read-query';
import type { Selected, TableTypes, ValidSelect } from './types';
import { WriteQuery, type WriteResult } from './write-query';

/** Options of `upsert()`. */
export interface UpsertOptions<Row> {
  /**
   * The unique columns that define a conflict.
   * @default the primary key
   */
  onConflict?: (keyof Row & string) | (keyof Row & string)[];
  /**
   * Keep the existing row on a conflict (and leave it out of the answer) instead of merging.
   * @default false
   */
  ignoreDuplicates?: boolean;
}

/** One table: read with `select()`, write with `insert()`, `upsert()`, `update()` and `delete()`. */
export interface TableClient<T extends TableTypes> {
  /**
   * Reads rows: all columns, or the ones named (`'id,title'`). Await the builder to run it.
   * @example
   * const { data, count, error } = await client.from('notes').select('id,title').eq('done', false).order('id').range(0, 49);
   */
  select<S extends string = '*'>(columns?: S & ValidSelect<T['Row'], S>): ReadQuery<T['Row'], Selected<T['Row'], S>>;
  /** Inserts one row or several (in one transaction); answers them as stored, defaults filled in. */
  insert(rows: T['Insert'] | T['Insert'][]): Promise<WriteResult<T['Row']>>;
  /** Inserts, or on a conflict merges into (or keeps) the existing row. */
  upsert(rows: T['Insert'] | T['Insert'][], options?: UpsertOptions<T['Row']>): Promise<WriteResult<T['Row']>>;
  /** Sets `values` on the rows that match the filters that follow (at least one). */
  update(values: T['Update']): WriteQuery<T['Row']>;
  /** Deletes the rows that match the filters that follow (at least one). */
  delete(): WriteQuery<T['Row']>;
}

/** Builds the client of table `name`. */
export function tableClient<T extends TableTypes>(call: CallOperation, name: string): TableClient<T> {
  const write = async (rows: unknown, query?: { on_conflict?: string }, prefer?: string) => {
    const { data, error, response } = await call('insertRestRows', {
      params: { path: { tableName: name }, query, header: prefer ? { Prefer: prefer as never } : undefined },
      body: rows as never,
    });
    if (error) return { error, response };
    return { data: data.rows as T['Row'][], count: data.count, response };
  };
  return {
    select: (columns) =>
      new ReadQuery(call, name, columns === undefined || columns === '*' ? undefined : columns) as never,
    insert: (rows) => write(rows),
    upsert: (rows, { onConflict, ignoreDuplicates = false } = {}) =>
      write(
        rows,
        onConflict ? { on_conflict: [onConflict].flat().join(',') } : undefined,
        `resolution=${ignoreDuplicates ? 'ignore' : 'merge'}-duplicates`,
      ),
    update: (values) => new WriteQuery(call, name, values),
    delete: () => new WriteQuery(call, name),
  };
}
