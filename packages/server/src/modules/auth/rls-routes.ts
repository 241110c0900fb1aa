import { PolicySyntaxError, parsePolicy, referencedColumns } from '../../data/policy';
import { toPublicPolicy } from '../../data/policy/store';
import { tableColumns } from '../../db/catalogue';
import type { Database } from '../../db/database';
import type { ModuleHandlers } from '../../http/handler-types';
import { errors, HttpError } from '../../http/http-error';
import { pageOf, totalHeader } from '../../http/paging';

type Ops = 'getRLSPolicies' | 'createRLSPolicy' | 'toggleRLSPolicy' | 'deleteRLSPolicy';

async function columnsOrNotFound(database: Database, table: string): Promise<string[]> {
  const columns = await tableColumns(database, table);
  if (columns.length === 0) throw errors.notFound(`Table ${table}`);
  return columns.map((c) => c.name);
}

/** Parses `expression` and checks every column it names exists; 400 INVALID_POLICY otherwise. */
function checkExpression(expression: string, columns: string[]): void {
  try {
    const unknown = referencedColumns(parsePolicy(expression)).filter((c) => !columns.includes(c));
    if (unknown.length > 0)
      throw new HttpError(400, 'INVALID_POLICY', `The table has no column ${unknown.join(', ')}.`);
  } catch (error) {
    if (error instanceof PolicySyntaxError) throw new HttpError(400, 'INVALID_POLICY', error.message);
    throw error;
  }
}

/** Row-level security policies: stored and validated here, enforced by the data paths. */
export const rlsHandlers: Pick<ModuleHandlers<'auth'>, Ops> = {
  getRLSPolicies: async ({ params, query, services }) => {
    await columnsOrNotFound(services.database, params.tableName);
    const rows = await services.rls.listFor(params.tableName);
    return { status: 200, body: pageOf(rows, query).map(toPublicPolicy), headers: totalHeader(rows.length) };
  },
  createRLSPolicy: async ({ params, body, services }) => {
    checkExpression(body.expression, await columnsOrNotFound(services.database, params.tableName));
    if (await services.rls.byName(params.tableName, body.name))
      throw errors.conflict(`A policy named ${body.name} exists on this table.`);
    const { name, operation, expression, enabled } = body;
    const row = await services.rls.create(params.tableName, name, operation, expression, enabled ?? true);
    return { status: 201, body: toPublicPolicy(row) };
  },
  toggleRLSPolicy: async ({ params, body, services }) => {
    const columns = await columnsOrNotFound(services.database, params.tableName);
    const current = await services.rls.byId(params.tableName, params.policyId);
    if (!current) throw errors.notFound('Policy');
    if (body.expression !== undefined) checkExpression(body.expression, columns);
    if (body.name && body.name !== current.name && (await services.rls.byName(params.tableName, body.name))) {
      throw errors.conflict(`A policy named ${body.name} exists on this table.`);
    }
    const row = await services.rls.update(params.tableName, params.policyId, body);
    return { status: 200, body: toPublicPolicy(row!) };
  },
  deleteRLSPolicy: async ({ params, services }) => {
    if (!(await services.rls.delete(params.tableName, params.policyId))) throw errors.notFound('Policy');
    return { status: 204 };
  },
};
