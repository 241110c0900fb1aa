/**
 * Runs an audit end to end: scan the frontend, match its calls to the spec, optionally probe a
 * backend. Calls to other hosts than the spec's servers and the backend are external: listed,
 * never drift.
 */
import { stat } from 'node:fs/promises';
import { assertReachable } from '../spec/reach';
import { isUrl, loadSpec, type OpenApiDocument } from '../spec/spec-document';
import { UsageError } from '../usage-error';
import { indexOperations, matchCall } from './match';
import { type AuditReport, buildReport, moduleOfPath } from './report';
import { scanFrontend } from './scan';
import { loadSdkMethods } from './sdk-calls';
import { checkServed, type ProbeOptions, routeKey } from './served';
import { serverPathPrefix, specOperations } from './spec-operations';
import type { AuditedCall, FoundCall, SpecOperation } from './types';

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
  if (options.backend) await assertReachable(options.backend, options.probe?.timeoutMs);
  const operations = operationsOf(doc, options.spec);
  const index = indexOperations(operations, serverPathPrefix(doc));
  const scan = await scanFrontend(options.source, await loadSdkMethods());
  if (scan.files === 0) throw new UsageError(`no source files (.ts, .js, .vue, .svelte, ...) under ${options.source}`);
  const internal = internalHosts(doc, options.backend);
  const relativeServers = !(doc.servers ?? []).some((s: { url?: unknown }) => /^[a-z]+:\/\//i.test(String(s?.url)));
  const found = scan.calls.map((call) => withNamedOperation(call, operations));
  const isExternal = (call: FoundCall) =>
    call.host !== undefined &&
    !internal.has(call.host) &&
    // A spec with relative servers does not name the API's host: a call whose path it has is the API.
    !(relativeServers && matchCall(call.method, call.path, index).operation);
  const external = found.filter(isExternal);
  const own = found.filter((call) => !external.includes(call));
  const probed = own.filter((call) => !call.namedOperation || call.method !== 'SDK');
  const verdicts = options.backend ? await checkServed(options.backend, probed, options.probe) : null;
  const calls: AuditedCall[] = own.flatMap((call) => {
    const { operation, note, standsFor } = matchCall(call.method, call.path, index);
    const verdict = verdicts?.get(routeKey(call));
    const targets = standsFor ?? [operation];
    return targets.map((op) => {
      const stood = standsFor && op ? `a template segment stands for ${op.path}` : undefined;
      const notes = [note, stood, verdict?.note].filter(Boolean).join('; ');
      return {
        ...call,
        operationId: op?.operationId ?? null,
        served: verdict?.served ?? null,
        module: op ? (op.tag ?? moduleOfPath(op.template)) : moduleOfPath(call.path),
        ...(notes ? { note: notes } : {}),
      };
    });
  });
  return buildReport({
    source: options.source,
    spec: options.spec,
    backend: options.backend ?? null,
    files: scan.files,
    calls,
    external,
    unresolved: scan.unresolved,
    operations,
  });
}

/** A call through `@lockstep/sdk` takes its method and path from the operation it names. */
function withNamedOperation(call: FoundCall, operations: SpecOperation[]): FoundCall {
  if (!call.namedOperation) return call;
  const op = operations.find((o) => o.operationId === call.namedOperation);
  return op
    ? { ...call, method: op.method, path: op.template }
    : { ...call, method: 'SDK', path: `(operation ${call.namedOperation})` };
}

/** The hosts that are the API itself: the spec's servers, the backend, and the local machine. */
function internalHosts(doc: OpenApiDocument, backend: string | undefined): Set<string> {
  const hosts = new Set(['localhost', '127.0.0.1', '0.0.0.0', '[::1]']);
  const urls = [...(doc.servers ?? []).map((s: { url?: unknown }) => s?.url), backend];
  for (const url of urls) {
    const match = typeof url === 'string' ? /^[a-z]+:\/\/([^/?#]+)/i.exec(url) : null;
    if (match) hosts.add(match[1].toLowerCase());
  }
  for (const host of [...hosts]) hosts.add(host.replace(/:\d+$/, ''));
  return hosts;
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
