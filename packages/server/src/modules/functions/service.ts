/**
 * The rules of functions: create (version 1), update (a new `code` or `runtime` is a new
 * version), deploy, roll back, delete, templates, and invocation by HTTP; reading
 * invocations, logs, statistics and usage. `wasm` is refused with 501: the reference server
 * has no WebAssembly calling convention (docs/decisions/0007-functions-sandbox.md).
 */
import { randomUUID } from 'node:crypto';
import type { components } from '@lockstep/contract';
import type { Selectable } from 'kysely';
import { nowIso } from '../../clock';
import type { SignedInCaller } from '../../data/caller';
import type { FunctionRow, FunctionVersionRow } from '../../db/tables';
import { errors, HttpError } from '../../http/http-error';
import { CompileError, compileSource } from './compile';
import type { InvocationOrigin, Runner } from './runner';
import { type EnvVarsVault, mergeEnvVars } from './secrets';
import type { FunctionsStore, LogQuery, Page } from './store';
import { templateById } from './templates';
import type { FunctionTriggers } from './triggers';
import { validateTriggers } from './triggers-config';
import {
  type PublicFunction,
  type PublicInvocation,
  type PublicLog,
  type PublicVersion,
  type Runtime,
  toPublicFunction,
  toPublicInvocation,
  toPublicLog,
  toPublicVersion,
} from './view';

type CreateInput = components['schemas']['FunctionsCreate'];
type UpdateInput = components['schemas']['FunctionsUpdate'];

function wasmRefused(): HttpError {
  return new HttpError(
    501,
    'NOT_IMPLEMENTED',
    'The wasm runtime is not supported by this server: use javascript or deno (see docs/decisions/0007-functions-sandbox.md).',
  );
}

function deployerOf(caller: SignedInCaller): string | null {
  return caller.role === 'service' ? null : caller.userId;
}

/** Functions, their versions and invocations. */
export class FunctionsService {
  /** Called after any change of a function's triggers or state, so schedules and watches follow. */
  onChange: () => void = () => undefined;
  /** The schedules and row-change watches (set by `start.ts`). */
  triggers?: FunctionTriggers;
  /** Stops the triggers and the sandbox threads (set by `start.ts`). */
  close: () => Promise<void> = async () => undefined;

  constructor(
    private readonly store: FunctionsStore,
    private readonly vault: EnvVarsVault,
    readonly runner: Runner,
  ) {}

  private async versionRow(
    functionId: string,
    version: number,
    runtime: Runtime,
    code: string,
    caller: SignedInCaller,
  ): Promise<FunctionVersionRow> {
    if (runtime === 'wasm') throw wasmRefused();
    try {
      const { compiled, codeHash } = await compileSource(code);
      return {
        function_id: functionId,
        version,
        runtime,
        code,
        compiled,
        code_hash: codeHash,
        deployed_by: deployerOf(caller),
        created_at: nowIso(),
      };
    } catch (error) {
      if (error instanceof CompileError) throw errors.validation([{ field: 'code', message: error.message }]);
      throw error;
    }
  }

  /** A function by id, or 404. */
  async find(id: string): Promise<Selectable<FunctionRow>> {
    const row = await this.store.get(id);
    if (!row) throw errors.notFound('Function');
    return row;
  }

  /** The stored env vars; none when they were sealed under another server secret (they must be set again). */
  private openEnvVars(row: Selectable<FunctionRow>): Record<string, string> {
    try {
      return this.vault.open(row.env_vars);
    } catch {
      return {};
    }
  }

  /** A function by name, or 404. */
  async findByName(name: string): Promise<Selectable<FunctionRow>> {
    const row = await this.store.getByName(name);
    if (!row) throw errors.notFound('Function');
    return row;
  }

  private async view(row: Selectable<FunctionRow>): Promise<PublicFunction> {
    const version = await this.store.version(row.id, Number(row.version));
    if (!version) throw new Error(`function ${row.id} lost version ${row.version}`);
    return toPublicFunction(row, version, this.openEnvVars(row));
  }

  private async nameFree(name: string, except?: string): Promise<void> {
    const other = await this.store.getByName(name);
    if (other && other.id !== except) throw errors.conflict(`A function named ${name} exists already.`);
  }

  /** Creates a function as version 1. */
  async create(input: CreateInput, caller: SignedInCaller): Promise<PublicFunction> {
    const triggers = input.triggers ?? [{ type: 'http' as const, config: {} }];
    validateTriggers(triggers);
    await this.nameFree(input.name);
    const id = randomUUID();
    const version = await this.versionRow(id, 1, input.runtime, input.code, caller);
    const now = nowIso();
    const row: FunctionRow = {
      id,
      name: input.name,
      runtime: input.runtime,
      env_vars: this.vault.seal(input.env_vars ?? {}),
      triggers: JSON.stringify(triggers),
      allowed_hosts: JSON.stringify(input.allowed_hosts ?? []),
      enabled: input.enabled === false ? 0 : 1,
      timeout_ms: input.timeout_ms ?? 5000,
      memory_mb: input.memory_mb ?? 128,
      version: 1,
      latest_version: 1,
      created_at: now,
      updated_at: now,
      last_invoked_at: null,
    };
    try {
      await this.store.create(row, version);
    } catch (error) {
      // Two creations raced for the name.
      if ((await this.store.getByName(input.name))?.id !== id)
        throw errors.conflict(`A function named ${input.name} exists already.`);
      throw error;
    }
    this.onChange();
    return this.view({ ...row });
  }

  /** Creates a function from a built-in template. */
  async createFromTemplate(templateId: string, name: string, caller: SignedInCaller): Promise<PublicFunction> {
    const template = templateById(templateId);
    if (!template) throw errors.notFound('Template');
    return this.create({ name, runtime: template.runtime, code: template.code }, caller);
  }

  /** Every function by name, paged. */
  async list(limit: number, offset: number): Promise<Page<PublicFunction>> {
    const page = await this.store.list(limit, offset);
    return { rows: await Promise.all(page.rows.map((r) => this.view(r))), total: page.total };
  }

  /** One function. */
  async get(id: string): Promise<PublicFunction> {
    return this.view(await this.find(id));
  }

  /** Changes the fields sent; a new code or runtime records the next version and activates it. */
  async update(id: string, input: UpdateInput, caller: SignedInCaller): Promise<PublicFunction> {
    const row = await this.find(id);
    if (input.name !== undefined) await this.nameFree(input.name, id);
    if (input.triggers) validateTriggers(input.triggers);
    const patch: Partial<FunctionRow> = { updated_at: nowIso() };
    if (input.name !== undefined) patch.name = input.name;
    if (input.env_vars !== undefined)
      patch.env_vars = this.vault.seal(mergeEnvVars(this.openEnvVars(row), input.env_vars));
    if (input.triggers !== undefined) patch.triggers = JSON.stringify(input.triggers);
    if (input.allowed_hosts !== undefined) patch.allowed_hosts = JSON.stringify(input.allowed_hosts);
    if (input.enabled !== undefined) patch.enabled = input.enabled ? 1 : 0;
    if (input.timeout_ms !== undefined) patch.timeout_ms = input.timeout_ms;
    if (input.memory_mb !== undefined) patch.memory_mb = input.memory_mb;
    let version: FunctionVersionRow | undefined;
    const active = await this.store.version(id, Number(row.version));
    const runtime = input.runtime ?? (active?.runtime as Runtime);
    const code = input.code ?? active?.code ?? '';
    if (
      (input.code !== undefined && input.code !== active?.code) ||
      (input.runtime !== undefined && input.runtime !== active?.runtime)
    ) {
      const next = Number(row.latest_version) + 1;
      version = await this.versionRow(id, next, runtime, code, caller);
      Object.assign(patch, { version: next, latest_version: next, runtime });
    }
    await this.store.update(id, patch, version);
    this.onChange();
    return this.view({ ...row, ...patch });
  }

  /** Deletes a function with its versions, invocations and logs. */
  async delete(id: string): Promise<void> {
    if (!(await this.store.delete(id))) throw errors.notFound('Function');
    this.onChange();
  }

  /** Records the active code as the next version and activates it. */
  async deploy(id: string, caller: SignedInCaller): Promise<{ version: number; deployed_at: string }> {
    const row = await this.find(id);
    const active = await this.store.version(id, Number(row.version));
    if (!active) throw new Error(`function ${id} lost version ${row.version}`);
    const next = Number(row.latest_version) + 1;
    const version = await this.versionRow(id, next, active.runtime as Runtime, active.code, caller);
    await this.store.update(id, { version: next, latest_version: next, updated_at: version.created_at }, version);
    this.onChange();
    return { version: next, deployed_at: version.created_at };
  }

  /** Makes an earlier version active again. */
  async rollback(id: string, versionNumber: number): Promise<PublicFunction> {
    const row = await this.find(id);
    const version = await this.store.version(id, versionNumber);
    if (!version) throw errors.notFound('Version');
    const patch = { version: versionNumber, runtime: version.runtime, updated_at: nowIso() };
    await this.store.update(id, patch);
    this.onChange();
    return this.view({ ...row, ...patch });
  }

  /** A function's versions, newest first. */
  async versions(id: string, limit: number, offset: number): Promise<Page<PublicVersion>> {
    const row = await this.find(id);
    const page = await this.store.versions(id, limit, offset);
    return { rows: page.rows.map((v) => toPublicVersion(v, Number(row.version))), total: page.total };
  }

  /** Throws 409 for a disabled function, 501 for a runtime the server cannot run. */
  assertRunnable(row: Selectable<FunctionRow>): void {
    if (Number(row.enabled) !== 1) throw errors.conflict(`The function ${row.name} is disabled.`);
    if (row.runtime === 'wasm') throw wasmRefused();
  }

  /** Runs a function now for a caller (HTTP or the unified operation) and waits for it. */
  async invoke(row: Selectable<FunctionRow>, payload: unknown, origin: InvocationOrigin): Promise<PublicInvocation> {
    this.assertRunnable(row);
    const done = await this.runner.invoke(row, payload, origin);
    if (!done) throw new Error('an invocation without a trigger key was not claimed');
    return done;
  }

  /** A function's finished invocations, newest first. */
  async invocations(
    id: string,
    status: string | undefined,
    limit: number,
    offset: number,
  ): Promise<Page<PublicInvocation>> {
    await this.find(id);
    const page = await this.store.invocations(id, status, limit, offset);
    return { rows: page.rows.map((r) => toPublicInvocation(r)), total: page.total };
  }

  /** A function's log lines, newest first. */
  async logs(id: string, query: LogQuery): Promise<Page<PublicLog>> {
    await this.find(id);
    const page = await this.store.logs(id, query);
    return { rows: page.rows.map(toPublicLog), total: page.total };
  }

  /** Counts and mean duration of a function's invocations. */
  async stats(id: string) {
    await this.find(id);
    const s = await this.store.stats(id);
    return {
      total_invocations: s.total,
      invocation_count: s.total,
      success_count: s.success,
      error_count: s.failed,
      avg_duration_ms: Math.round(s.avgDuration * 100) / 100,
      last_invoked_at: s.lastInvokedAt,
    };
  }

  /** What a function used since the start of the current UTC day. */
  async usage(id: string, now = new Date()) {
    const row = await this.find(id);
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())).toISOString();
    const u = await this.store.usageSince(id, start);
    return {
      memory_mb: Math.round((u.maxMemoryBytes / 1048576) * 100) / 100,
      cpu_time_ms: Math.round(u.cpuMs),
      invocations_today: u.invocations,
      bandwidth_bytes: u.bytes,
      period_start: start,
      memory_limit_mb: Number(row.memory_mb),
      timeout_ms: Number(row.timeout_ms),
    };
  }
}
