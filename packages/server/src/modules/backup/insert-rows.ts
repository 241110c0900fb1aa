/** Inserts rows read from a dump in batches sized to stay under both engines' bound-parameter limits. */
import type { Kysely } from 'kysely';
import type { Row } from '../../data/values';

const MAX_PARAMETERS = 30_000;

/** Inserts `rows` into `table`, each passed through `convert`; answers how many. */
export async function insertRows(
  db: Kysely<any>,
  table: string,
  columnCount: number,
  rows: AsyncIterable<Row>,
  convert: (row: Row) => Row,
): Promise<number> {
  const batchSize = Math.max(1, Math.min(500, Math.floor(MAX_PARAMETERS / Math.max(1, columnCount))));
  let batch: Row[] = [];
  let count = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await db.insertInto(table).values(batch).execute();
    count += batch.length;
    batch = [];
  };
  for await (const row of rows) {
    batch.push(convert(row));
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return count;
}
