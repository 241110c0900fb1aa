/**
 * The SQL of the functions module (`ls_functions`, `ls_function_versions`,
 * `ls_function_invocations`, `ls_function_logs`) through the one query builder, on both
 * engines. An invocation is inserted as `running` before it runs (its unique `trigger_key`
 * is how a cron tick or a change event is claimed by one instance) and finished after;
 * lists and statistics never show running ones.
 */
import { type Kysely, type Selectable, sql } from 'kysely';
import type { FunctionInvocationRow, FunctionLogRow, FunctionRow, FunctionVersionRow, Tables } from '../../db/tables';

/** A page of rows with the count before paging. */
export interface Page<T> {
  rows: T[];
  total: number;
}

/** What `listLogs` filters by. */
export interface LogQuery {
  level?: string;
  since?: string;
  limit: number;
  offset: number;
}

/** The numbers of `getFunctionStats`. */
export interface StatsRow {
  total: number;
  success: number;
  failed: number;
  avgDuration: number;
  lastInvokedAt: string | null;
}

/** The numbers of `getResourceUsage`, since a time. */
export interface UsageRow {
  maxMemoryBytes: number;
  cpuMs: number;
  invocations: number;
  bytes: number;
}

/** Whether `error` is a unique-key violation on either engine. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

const FINISHED = ['success', 'error', 'timeout'];

/** The functions module's queries. */
export class FunctionsStore {
  constructor(private readonly db: Kysely<Tables>) {}

  /** Inserts a function with its first version, in one transaction. */
  async create(fn: FunctionRow, version: FunctionVersionRow): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('ls_functions').values(fn).execute();
      await trx.insertInto('ls_function_versions').values(version).execute();
    });
  }

  /** One function by id. */
  get(id: string): Promise<Selectable<FunctionRow> | undefined> {
    return this.db.selectFrom('ls_functions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** One function by name. */
  getByName(name: string): Promise<Selectable<FunctionRow> | undefined> {
    return this.db.selectFrom('ls_functions').selectAll().where('name', '=', name).executeTakeFirst();
  }

  /** Functions by name, paged. */
  async list(limit: number, offset: number): Promise<Page<Selectable<FunctionRow>>> {
    const rows = await this.db
      .selectFrom('ls_functions')
      .selectAll()
      .orderBy('name')
      .limit(limit)
      .offset(offset)
      .execute();
    const { n } = await this.db
      .selectFrom('ls_functions')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return { rows, total: Number(n) };
  }

  /** Every enabled function (the triggers' view). */
  enabled(): Promise<Selectable<FunctionRow>[]> {
    return this.db.selectFrom('ls_functions').selectAll().where('enabled', '=', 1).execute();
  }

  /** Changes settings of a function; a `version` row, when given, is added in the same transaction. */
  async update(id: string, patch: Partial<FunctionRow>, version?: FunctionVersionRow): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      if (version) await trx.insertInto('ls_function_versions').values(version).execute();
      await trx.updateTable('ls_functions').set(patch).where('id', '=', id).execute();
    });
  }

  /** Deletes a function with everything it owns. */
  async delete(id: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('ls_function_logs').where('function_id', '=', id).execute();
      await trx.deleteFrom('ls_function_invocations').where('function_id', '=', id).execute();
      await trx.deleteFrom('ls_function_versions').where('function_id', '=', id).execute();
      const out = await trx.deleteFrom('ls_functions').where('id', '=', id).executeTakeFirst();
      return Number(out.numDeletedRows) > 0;
    });
  }

  /** One version of a function. */
  version(functionId: string, version: number): Promise<Selectable<FunctionVersionRow> | undefined> {
    return this.db
      .selectFrom('ls_function_versions')
      .selectAll()
      .where('function_id', '=', functionId)
      .where('version', '=', version)
      .executeTakeFirst();
  }

  /** A function's versions, newest first, paged. */
  async versions(functionId: string, limit: number, offset: number): Promise<Page<Selectable<FunctionVersionRow>>> {
    const base = this.db.selectFrom('ls_function_versions').where('function_id', '=', functionId);
    const rows = await base.selectAll().orderBy('version', 'desc').limit(limit).offset(offset).execute();
    const { n } = await base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    return { rows, total: Number(n) };
  }

  /** Records an invocation as running; false when its `trigger_key` was claimed already. */
  async claim(row: FunctionInvocationRow): Promise<boolean> {
    try {
      await this.db.insertInto('ls_function_invocations').values(row).execute();
      return true;
    } catch (error) {
      if (row.trigger_key && isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /** Finishes an invocation with its outcome and logs, and stamps the function's last run. */
  async finish(row: FunctionInvocationRow, logs: FunctionLogRow[]): Promise<void> {
    const { id, function_id, ...rest } = row;
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('ls_function_invocations').set(rest).where('id', '=', id).execute();
      for (let i = 0; i < logs.length; i += 100)
        await trx
          .insertInto('ls_function_logs')
          .values(logs.slice(i, i + 100))
          .execute();
      await trx
        .updateTable('ls_functions')
        .set({ last_invoked_at: row.invoked_at })
        .where('id', '=', function_id)
        .execute();
    });
  }

  /** A function's finished invocations, newest first, paged. */
  async invocations(
    functionId: string,
    status: string | undefined,
    limit: number,
    offset: number,
  ): Promise<Page<Selectable<FunctionInvocationRow>>> {
    let base = this.db
      .selectFrom('ls_function_invocations')
      .where('function_id', '=', functionId)
      .where('status', 'in', FINISHED);
    if (status) base = base.where('status', '=', status);
    const rows = await base
      .selectAll()
      .orderBy('invoked_at', 'desc')
      .orderBy('id')
      .limit(limit)
      .offset(offset)
      .execute();
    const { n } = await base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    return { rows, total: Number(n) };
  }

  /** A function's log lines, newest first, by level and time, paged. */
  async logs(functionId: string, query: LogQuery): Promise<Page<Selectable<FunctionLogRow>>> {
    let base = this.db.selectFrom('ls_function_logs').where('function_id', '=', functionId);
    if (query.level) base = base.where('level', '=', query.level);
    if (query.since) base = base.where('timestamp', '>=', query.since);
    const rows = await base
      .selectAll()
      .orderBy('timestamp', 'desc')
      .orderBy('invocation_id')
      .orderBy('seq', 'desc')
      .limit(query.limit)
      .offset(query.offset)
      .execute();
    const { n } = await base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    return { rows, total: Number(n) };
  }

  /** The log lines of one invocation, in order. */
  logsOf(invocationId: string): Promise<Selectable<FunctionLogRow>[]> {
    return this.db
      .selectFrom('ls_function_logs')
      .selectAll()
      .where('invocation_id', '=', invocationId)
      .orderBy('seq')
      .execute();
  }

  /** Counts and mean duration of a function's finished invocations. */
  async stats(functionId: string): Promise<StatsRow> {
    const row = await this.db
      .selectFrom('ls_function_invocations')
      .where('function_id', '=', functionId)
      .where('status', 'in', FINISHED)
      .select((eb) => [
        eb.fn.countAll<number | string>().as('total'),
        sql<number | string>`sum(case when status = 'success' then 1 else 0 end)`.as('success'),
        eb.fn.avg<number | string | null>('duration_ms').as('avg'),
        eb.fn.max('invoked_at').as('last'),
      ])
      .executeTakeFirstOrThrow();
    const total = Number(row.total);
    const success = Number(row.success ?? 0);
    return {
      total,
      success,
      failed: total - success,
      avgDuration: row.avg === null ? 0 : Number(row.avg),
      lastInvokedAt: (row.last as string | null) ?? null,
    };
  }

  /** What a function's finished invocations used since `since`. */
  async usageSince(functionId: string, since: string): Promise<UsageRow> {
    const row = await this.db
      .selectFrom('ls_function_invocations')
      .where('function_id', '=', functionId)
      .where('status', 'in', FINISHED)
      .where('invoked_at', '>=', since)
      .select((eb) => [
        eb.fn.countAll<number | string>().as('n'),
        eb.fn.max('memory_bytes').as('memory'),
        eb.fn.sum<number | string | null>('cpu_ms').as('cpu'),
        eb.fn.sum<number | string | null>('bytes').as('bytes'),
      ])
      .executeTakeFirstOrThrow();
    return {
      invocations: Number(row.n),
      maxMemoryBytes: Number(row.memory ?? 0),
      cpuMs: Number(row.cpu ?? 0),
      bytes: Number(row.bytes ?? 0),
    };
  }
}
