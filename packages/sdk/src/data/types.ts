/** Row types of the data builder: per table from `lockstep gen types`, or any row without them. */

/** One table's types: a stored row, what an insert takes, what an update takes. */
export interface TableTypes {
  Row: Record<string, unknown>;
  Insert: Record<string, unknown>;
  Update: Record<string, unknown>;
}

/** Tables by name, as `lockstep gen types` writes them (`export type Database = { notes: {...} }`). */
export type DatabaseTypes = { [table: string]: TableTypes };

/** Without generated types: any table, any column. */
export type AnyDatabase = { [table: string]: { Row: AnyRow; Insert: AnyRow; Update: AnyRow } };

/** A row whose columns are not known to the compiler. */
export type AnyRow = Record<string, unknown>;

/** The columns a `select('id,title')` string names. */
export type SelectedColumns<S extends string> = S extends `${infer Head},${infer Tail}`
  ? Head | SelectedColumns<Tail>
  : S;

/** `S` if every column it names is a column of `Row`; otherwise `never`, so a misspelling fails to compile. */
export type ValidSelect<Row, S extends string> = string extends keyof Row
  ? S
  : S extends '*'
    ? S
    : SelectedColumns<S> extends keyof Row & string
      ? S
      : never;

/** The row a `select(S)` answers: the named columns of `Row` (all of them for `*`). */
export type Selected<Row, S extends string> = string extends S
  ? Row
  : S extends '*'
    ? Row
    : { [K in SelectedColumns<S> & keyof Row]: Row[K] };

/** A column name of `Row`. */
export type Column<Row> = keyof Row & string;
