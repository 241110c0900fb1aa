/** Assembles the audit report: calls per module, spec operations nobody calls, totals, coverage. */
import type { AuditedCall, FoundCall, SpecOperation, UnresolvedCall } from './types';

/** A spec operation no call in the frontend matches. */
export type UncalledOperation = {
  operationId: string;
  method: string;
  path: string;
  tag: string | null;
  module: string;
};

/** Counts for one module (spec tag, or first path segment). */
export type ModuleSummary = {
  name: string;
  calls: number;
  inSpec: number;
  served: number;
  notServed: number;
  servedUnknown: number;
  operations: number;
  uncalled: number;
  /** Null for a module no call reaches. */
  coverage: number | null;
};

/** Counts for the whole frontend. */
export type Totals = {
  files: number;
  calls: number;
  inSpec: number;
  notInSpec: number;
  served: number;
  notServed: number;
  servedUnknown: number;
  unresolved: number;
  /** Calls to other hosts: listed, never counted as drift. */
  external: number;
  operations: number;
  calledOperations: number;
  uncalled: number;
};

/** Everything an audit found; the JSON format prints it as is. */
export type AuditReport = {
  source: string;
  spec: string;
  backend: string | null;
  calls: AuditedCall[];
  /** Calls to other hosts (`https://plex.tv/api/v2/pins`): not the API's, so never drift. */
  external: FoundCall[];
  unresolved: UnresolvedCall[];
  uncalled: UncalledOperation[];
  modules: ModuleSummary[];
  totals: Totals;
  coverage: number;
};

/** Inputs to `buildReport`: the matched calls and the spec's operations. */
export type ReportInput = {
  source: string;
  spec: string;
  backend: string | null;
  files: number;
  calls: AuditedCall[];
  /** Calls to other hosts. @default [] */
  external?: FoundCall[];
  unresolved: UnresolvedCall[];
  operations: SpecOperation[];
};

/** The module of a path: its first segment, `(root)` for `/`. */
export function moduleOfPath(path: string): string {
  return path.split('/')[1] || '(root)';
}

/** Whether a call counts as covered: in the spec and, when a backend was checked, not known to be unserved. */
export function isCovered(call: AuditedCall, backendChecked: boolean): boolean {
  return call.operationId !== null && (!backendChecked || call.served !== false);
}

/** Builds the report from matched calls. */
export function buildReport(input: ReportInput): AuditReport {
  const calls = [...input.calls].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  const called = new Set(calls.map((c) => c.operationId).filter((id) => id !== null));
  const uncalled = input.operations
    .filter((op) => !called.has(op.operationId))
    .map((op) => ({
      operationId: op.operationId,
      method: op.method,
      path: op.path,
      tag: op.tag,
      module: op.tag ?? moduleOfPath(op.template),
    }));
  const checked = input.backend !== null;
  const names = new Set([...calls.map((c) => c.module), ...uncalled.map((u) => u.module)]);
  const modules = [...names].sort().map((name) => {
    const mine = calls.filter((c) => c.module === name);
    const operations = input.operations.filter((op) => (op.tag ?? moduleOfPath(op.template)) === name).length;
    return {
      name,
      ...counts(mine),
      operations,
      uncalled: uncalled.filter((u) => u.module === name).length,
      coverage: mine.length ? percent(mine.filter((c) => isCovered(c, checked)).length, mine.length) : null,
    };
  });
  const all = counts(calls);
  const totals: Totals = {
    files: input.files,
    ...all,
    notInSpec: all.calls - all.inSpec,
    unresolved: input.unresolved.length,
    external: input.external?.length ?? 0,
    operations: input.operations.length,
    calledOperations: called.size,
    uncalled: uncalled.length,
  };
  const coverage = percent(calls.filter((c) => isCovered(c, checked)).length, calls.length);
  return {
    source: input.source,
    spec: input.spec,
    backend: input.backend,
    calls,
    external: input.external ?? [],
    unresolved: input.unresolved,
    uncalled,
    modules,
    totals,
    coverage,
  };
}

function counts(calls: AuditedCall[]) {
  return {
    calls: calls.length,
    inSpec: calls.filter((c) => c.operationId !== null).length,
    served: calls.filter((c) => c.served === true).length,
    notServed: calls.filter((c) => c.served === false).length,
    servedUnknown: calls.filter((c) => c.served === null).length,
  };
}

/** A share as a percentage with one decimal; 100 when there is nothing to count. */
export function percent(part: number, whole: number): number {
  return whole === 0 ? 100 : Math.round((1000 * part) / whole) / 10;
}
