/** `from(table).update(values)` and `.delete()`: a change of the rows that match its filters; await it to run it. */
import type { CallOperation, CallResult } from '../call';
import { FilterBuilder } from './filter-builder';
import { deepQuery, filterParam } from './filters';

/** What a write answers: the rows written and their count, or the error. */
export type WriteResult<Row> =
  | { data: Row[]; count: number; error?: never; response: Response }
  | { data?: never; count?: never; error: NonNullable<CallResult<'insertRestRows'>['error']>; response: Response };

/**
 * An update or delete in the making. It needs at least one filter: the server refuses one
 * without (400), so that a forgotten filter cannot rewrite or empty a table.
 */
export class WriteQuery<Row> extends FilterBuilder<Row> implements PromiseLike<WriteResult<Row>> {
  constructor(
    private readonly call: CallOperation,
    private readonly table: string,
    private readonly values?: Record<string, unknown>,
  ) {
    super();
  }

  /** Runs the update (with values) or the delete. */
  async run(): Promise<WriteResult<Row>> {
    const params = { path: { tableName: this.table }, query: { filter: filterParam(this.filters) } };
    const { data, error, response } = this.values
      ? await this.call('updateRestRows', { params, body: this.values, querySerializer: deepQuery })
      : await this.call('deleteRestRows', { params, querySerializer: deepQuery });
    if (error) return { error, response };
    return { data: data.rows as Row[], count: data.count, response };
  }

  // biome-ignore lint/suspicious/noThenProperty: awaiting the builder runs it, as in supabase-js.
  then<A = WriteResult<Row>, B = never>(
    onfulfilled?: ((value: WriteResult<Row>) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.run().then(onfulfilled, onrejected);
  }
}
