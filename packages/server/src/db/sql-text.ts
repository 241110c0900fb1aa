/**
 * SQL written as text and bound values, for the row service's busiest paths. A page read by
 * key built with Kysely's query builder spent more on the builder's frozen node tree and its
 * compiler than SQLite spent on the lookup; appending strings costs next to nothing.
 * The same rules hold as with Kysely: identifiers are quoted as Kysely quotes them (`"` on
 * both engines, an inner `"` doubled), and values are only ever bound, never written into
 * the text. `render` numbers the placeholders for the engine (`?` on SQLite, `$n` on
 * PostgreSQL); `toKysely` hands a piece to the paths that still build with Kysely.
 */
import { type CompiledQuery, createQueryId, type QueryId, type RawBuilder, RawNode, sql } from 'kysely';
import type { Engine } from './database';

/** An identifier quoted for either engine: `"name"`, with an inner `"` doubled. */
export function quoteIdentifier(name: string): string {
  return name.includes('"') ? `"${name.replaceAll('"', '""')}"` : `"${name}"`;
}

export class SqlText {
  /** The text around the bound values: always one piece more than `values`. */
  private readonly text: string[] = [''];
  private readonly bound: unknown[] = [];

  /** Appends SQL text as is: only text the server wrote itself, never a value from a request. */
  write(text: string): this {
    this.text[this.text.length - 1] += text;
    return this;
  }

  /** Appends a quoted identifier. */
  identifier(name: string): this {
    return this.write(quoteIdentifier(name));
  }

  /** Appends a placeholder bound to `value`. */
  value(value: unknown): this {
    this.bound.push(value);
    this.text.push('');
    return this;
  }

  /** Appends another piece: its text and its values, in order. */
  append(other: SqlText): this {
    this.write(other.text[0]);
    for (let i = 0; i < other.bound.length; i++) this.value(other.bound[i]).write(other.text[i + 1]);
    return this;
  }

  /** The values bound so far, in placeholder order. */
  get values(): readonly unknown[] {
    return this.bound;
  }

  /** Whether nothing was written. */
  get empty(): boolean {
    return this.bound.length === 0 && this.text[0] === '';
  }

  /** The text with the engine's placeholders: `?` on SQLite, `$1, $2, ...` on PostgreSQL. */
  render(engine: Engine): string {
    if (engine === 'sqlite') return this.text.join('?');
    let out = this.text[0];
    for (let i = 1; i < this.text.length; i++) out += `$${i}${this.text[i]}`;
    return out;
  }

  /** The statement to run, for `Kysely.executeQuery`. */
  compile(engine: Engine): CompiledQuery {
    return new TextStatement(this.render(engine), [...this.bound]);
  }

  /** The same SQL as a Kysely expression (a predicate, unless told), for a query still built with Kysely. */
  toKysely<T = boolean>(): RawBuilder<T> {
    const parts: RawBuilder<unknown>[] = [sql.raw(this.text[0])];
    for (let i = 0; i < this.bound.length; i++) parts.push(sql.val(this.bound[i]), sql.raw(this.text[i + 1]));
    return sql.join<T>(parts, sql.raw(''));
  }
}

/**
 * What `CompiledQuery.raw` makes, made lazily: Kysely's freezes four new objects and makes a
 * query id per statement, and a read on SQLite (`sqlite-read.ts`) uses the text and the values
 * alone. The node and the id are made when Kysely runs the statement (in a transaction, on
 * PostgreSQL).
 */
class TextStatement implements CompiledQuery {
  private node?: RawNode;
  private id?: QueryId;

  constructor(
    readonly sql: string,
    readonly parameters: readonly unknown[],
  ) {}

  get query(): RawNode {
    this.node ??= RawNode.createWithSql(this.sql);
    return this.node;
  }

  get queryId(): QueryId {
    this.id ??= createQueryId();
    return this.id;
  }
}
