/** One page of a filtered query, newest first, with the total it matches: the read of the time-ordered logs. */
import { type SelectQueryBuilder, sql } from 'kysely';

/**
 * The rows of `q` from `offset`, at most `limit`, newest first (by `ts`, then `id`), and how
 * many rows `q` matches in all. Both queries run at once.
 */
export async function newestPage<DB, TB extends keyof DB>(
  q: SelectQueryBuilder<DB, TB, object>,
  limit: number,
  offset: number,
) {
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy(sql.ref('ts'), 'desc').orderBy(sql.ref('id'), 'desc').limit(limit).offset(offset).execute(),
    q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number((count as { n: number | string }).n) };
}
