/**
 * Rows of the functions tables as the spec's shapes: a function with its active code and
 * masked `env_vars`, a version, an invocation, a log line. Only shapes here, no rules.
 */
import type { components } from '@lockstep/contract';
import type { Selectable } from 'kysely';
import type { FunctionInvocationRow, FunctionLogRow, FunctionRow, FunctionVersionRow } from '../../db/tables';
import { maskEnvVars } from './secrets';

type Schemas = components['schemas'];
/** `FunctionsFunction` of the spec. */
export type PublicFunction = Schemas['FunctionsFunction'];
/** `FunctionsInvocation` of the spec. */
export type PublicInvocation = Schemas['FunctionsInvocation'];
/** `FunctionsLog` of the spec. */
export type PublicLog = Schemas['FunctionsLog'];
/** `FunctionsVersion` of the spec. */
export type PublicVersion = Schemas['FunctionsVersion'];
/** `FunctionsTrigger` of the spec. */
export type Trigger = Schemas['FunctionsTrigger'];
/** `FunctionsRuntime` of the spec. */
export type Runtime = Schemas['FunctionsRuntime'];

/** A function with its active version's source; `envVars` are the opened values, answered masked. */
export function toPublicFunction(
  row: Selectable<FunctionRow>,
  version: Selectable<FunctionVersionRow>,
  envVars: Record<string, string>,
): PublicFunction {
  const out: PublicFunction = {
    id: row.id,
    name: row.name,
    runtime: version.runtime as Runtime,
    code: version.code,
    env_vars: maskEnvVars(envVars),
    triggers: JSON.parse(row.triggers) as Trigger[],
    allowed_hosts: JSON.parse(row.allowed_hosts) as string[],
    enabled: Number(row.enabled) === 1,
    timeout_ms: Number(row.timeout_ms),
    memory_mb: Number(row.memory_mb),
    version: Number(row.version),
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
  if (row.last_invoked_at) out.last_invoked_at = row.last_invoked_at;
  return out;
}

/** A version, marked active when it is the function's. */
export function toPublicVersion(row: Selectable<FunctionVersionRow>, activeVersion: number): PublicVersion {
  const out: PublicVersion = {
    version: Number(row.version),
    created_at: row.created_at,
    code_hash: row.code_hash,
    is_active: Number(row.version) === activeVersion,
  };
  if (row.deployed_by) out.deployed_by = row.deployed_by;
  return out;
}

/** A log line. */
export function toPublicLog(row: Selectable<FunctionLogRow>): PublicLog {
  return {
    id: row.id,
    function_id: row.function_id,
    invocation_id: row.invocation_id,
    level: row.level as PublicLog['level'],
    message: row.message,
    timestamp: row.timestamp,
  };
}

/** An invocation, with its log lines when given. */
export function toPublicInvocation(row: Selectable<FunctionInvocationRow>, logs?: PublicLog[]): PublicInvocation {
  const out: PublicInvocation = {
    id: row.id,
    function_id: row.function_id,
    payload: JSON.parse(row.payload),
    duration_ms: Number(row.duration_ms),
    status: row.status as PublicInvocation['status'],
    invoked_at: row.invoked_at,
    trigger: row.trigger as PublicInvocation['trigger'],
  };
  if (row.result !== null) out.result = JSON.parse(row.result);
  if (row.error !== null) out.error = row.error;
  if (row.error_code !== null) out.error_code = row.error_code as PublicInvocation['error_code'];
  if (logs) out.logs = logs;
  return out;
}
