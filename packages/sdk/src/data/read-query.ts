/** `from(table).select(...)`: a read of `/rest/v1/{table}` with filters, order and paging; await it to run it. */
import type { CallOperation, CallResult } from '../call';
import { FilterBuilder } from './filter-builder';
import { deepQuery, filterParam } from './filters';
import type { Column } from './types';

/** What a read answers: the rows and the count of all matching rows, or the error. */
export type ReadResult<Result> =
  | { data: Result[]; count: number; error?: never; response: Response }
  | { data?: never; count?: never; error: NonNullable<CallResult<'queryRestTable'>['error']>; response: Response };

/** Options of `order()`. */
export interface OrderOptions {
  /** @default true */
  ascending?: boolean;
}

/** A read in the making: filter, order and page it, then `await` it. */
export class ReadQuery<Row, Result = Row> extends FilterBuilder<Row> implements PromiseLike<ReadResult<Result>> {
  private readonly orders: string[] = [];
  private limitCount?: number;
  private offsetCount?: number;

  constructor(
    private readonly call: CallOperation,
    private readonly table: string,
    private readonly columns?: string,
  ) {
    super();
  }

  /** Sorts by `column`; later calls sort within earlier ones. */
  order(column: Column<Row>, { ascending = true }: OrderOptions = {}): this {
    this.orders.push(`${column}.${ascending ? 'asc' : 'desc'}`);
    return this;
  }

  /** At most `count` rows. */
  limit(count: number): this {
    this.limitCount = count;
    return this;
  }

  /** Rows `from` to `to`, both included, counted from 0. */
  range(from: number, to: number): this {
    this.offsetCount = from;
    this.limitCount = to - from + 1;
    return this;
  }

  /** Runs the read. */
  async run(): Promise<ReadResult<Result>> {
    const query = {
      filter: this.filters.length > 0 ? filterParam(this.filters) : undefined,
      select: this.columns,
      order: this.orders.length > 0 ? this.orders.join(',') : undefined,
      limit: this.limitCount,
      offset: this.offsetCount,
    };
    const { data, error, response } = await this.call('queryRestTable', {
      params: { path: { tableName: this.table }, query },
      querySerializer: deepQuery,
    });
    if (error) return { error, response };
    return { data: data.rows as Result[], count: data.total, response };
  }

  // biome-ignore lint/suspicious/noThenProperty: awaiting the builder runs it, as in supabase-js.
  then<A = ReadResult<Result>, B = never>(
    onfulfilled?: ((value: ReadResult<Result>) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.run().then(onfulfilled, onrejected);
  }
}
