/** Runs an audit end to end: scan the frontend, match its calls to the spec, optionally probe a backend. */
import { stat } from 'node:fs/promises';
import { isUrl, loadSpec } from '../spec/spec-document';
import { UsageError } from '../usage-error';
import { indexOperations, matchCall } from './match';
import { type AuditReport, buildReport, moduleOfPath } from './report';
import { scanFrontend } from './scan';
import { checkServed, type ProbeOptions, routeKey } from './served';
import { serverPathPrefix, specOperations } from './spec-operations';
import type { AuditedCall } from './types';

/** What to audit. */
export type AuditOptions = {
  /** The frontend's source folder. */
  source: string;
  /** OpenAPI 3.x file or URL. */
  spec: string;
  /** A live backend to probe; none when absent. */
  backend?: string;
  probe?: ProbeOptions;
};

/** Audits a frontend against a spec and, when given, a live backend. */
export async function runAudit(options: AuditOptions): Promise<AuditReport> {
  await requireFolder(options.source);
  if (options.backend && !isUrl(options.backend))
    throw new UsageError(`--backend must be an http(s) URL, got "${options.backend}"`);
  const doc = await loadSpec(options.spec);
  const operations = operationsOf(doc, options.spec);
  const index = indexOperations(operations, serverPathPrefix(doc));
  const scan = await scanFrontend(options.source);
  if (scan.files === 0) throw new UsageError(`no source files (.ts, .js, .vue, .svelte, ...) under ${options.source}`);
  const verdicts = options.backend ? await checkServed(options.backend, scan.calls, options.probe) : null;
  const calls: AuditedCall[] = scan.calls.map((call) => {
    const { operation, note } = matchCall(call.method, call.path, index);
    const verdict = verdicts?.get(routeKey(call));
    const notes = [note, verdict?.note].filter(Boolean).join('; ');
    return {
      ...call,
      operationId: operation?.operationId ?? null,
      served: verdict?.served ?? null,
      module: operation ? (operation.tag ?? moduleOfPath(operation.template)) : moduleOfPath(call.path),
      ...(notes ? { note: notes } : {}),
    };
  });
  return buildReport({
    source: options.source,
    spec: options.spec,
    backend: options.backend ?? null,
    files: scan.files,
    calls,
    unresolved: scan.unresolved,
    operations,
  });
}

function operationsOf(doc: Record<string, unknown>, source: string) {
  try {
    return specOperations(doc);
  } catch (error) {
    throw new UsageError(`cannot read the operations of ${source}: ${(error as Error).message}`);
  }
}

async function requireFolder(path: string): Promise<void> {
  const info = await stat(path).catch(() => null);
  if (!info?.isDirectory()) throw new UsageError(`${path} is not a folder`);
}
