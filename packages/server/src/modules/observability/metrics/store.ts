/**
 * Metric points (`ls_metric_points`): one row per series per sample. Reads downsample in
 * the database: points are grouped into steps of the asked resolution (integer division of
 * the millisecond timestamp on both engines) and averaged. Old points go by age.
 */
import { type Kysely, sql } from 'kysely';
import type { Tables } from '../../../db/tables';

/** One point of a series as served: the start of its step, and the step's mean. */
export interface DataPoint {
  timestamp: string;
  value: number;
}

/** Reads and writes `ls_metric_points`. */
export class MetricsStore {
  constructor(private readonly db: Kysely<Tables>) {}

  /** Writes one sample: a value per series, all at `ts`. */
  async insert(ts: number, values: Record<string, number>): Promise<void> {
    const rows = Object.entries(values)
      .filter(([, v]) => Number.isFinite(v))
      .map(([name, value]) => ({ name, ts, value }));
    if (rows.length > 0) await this.db.insertInto('ls_metric_points').values(rows).execute();
  }

  /** The series of each of `names` over `[since, until)`, averaged per `stepMs`. */
  async series(names: string[], since: number, until: number, stepMs: number): Promise<Record<string, DataPoint[]>> {
    const step = Math.max(1, Math.floor(stepMs));
    const rows = await this.db
      .selectFrom('ls_metric_points')
      .select([
        'name',
        sql<number | string>`(ts / ${sql.lit(step)}) * ${sql.lit(step)}`.as('bucket'),
        (eb) => eb.fn.avg<number | string>('value').as('value'),
      ])
      .where('name', 'in', names)
      .where('ts', '>=', since)
      .where('ts', '<', until)
      .groupBy(['name', 'bucket'])
      .orderBy('bucket')
      .execute();
    const out: Record<string, DataPoint[]> = Object.fromEntries(names.map((n) => [n, []]));
    for (const r of rows)
      out[r.name].push({ timestamp: new Date(Number(r.bucket)).toISOString(), value: roundValue(Number(r.value)) });
    return out;
  }

  /** Deletes points older than `before`. */
  async prune(before: number): Promise<void> {
    await this.db.deleteFrom('ls_metric_points').where('ts', '<', before).execute();
  }
}

function roundValue(n: number): number {
  return Math.round(n * 1000) / 1000;
}
