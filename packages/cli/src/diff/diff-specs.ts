/**
 * Diffs two OpenAPI 3.x documents and classifies every change as breaking or not. Operations
 * are paired by method and path template (`{petId}` and `{id}` are the same segment).
 */
import { deref, OPERATION_METHODS } from '@lockstep/contract';
import { normalisePath } from '../spec/path-template';
import { type Change, ChangeLog } from './change';
import { compareOperation } from './compare-operation';

/** Every change from `before` to `after`, in path order. */
export function diffSpecs(before: any, after: any): Change[] {
  const log = new ChangeLog();
  const a = pathItems(before);
  const b = pathItems(after);
  for (const [template, old] of a) {
    const now = b.get(template);
    if (!now) {
      const methods = methodsOf(old.item).join(', ') || 'no operations';
      log.add(old.path, '', 'path-removed', `path removed, with ${methods}`);
      continue;
    }
    for (const method of methodsOf(old.item)) {
      const op = now.item[method.toLowerCase()];
      if (!op) {
        log.add(
          `${method} ${old.path}`,
          '',
          'operation-removed',
          `${old.item[method.toLowerCase()].operationId ?? 'operation'} removed`,
        );
        continue;
      }
      compareOperation(
        method,
        { doc: before, path: old.path, item: old.item, op: old.item[method.toLowerCase()] },
        { doc: after, path: now.path, item: now.item, op },
        log,
      );
    }
    for (const method of methodsOf(now.item)) {
      if (!old.item[method.toLowerCase()]) {
        log.add(
          `${method} ${now.path}`,
          '',
          'operation-added',
          `${now.item[method.toLowerCase()].operationId ?? 'operation'} added`,
        );
      }
    }
  }
  for (const [template, now] of b) {
    if (!a.has(template)) log.add(now.path, '', 'path-added', `path added, with ${methodsOf(now.item).join(', ')}`);
  }
  return log.changes;
}

function pathItems(doc: any): Map<string, { path: string; item: any }> {
  const out = new Map<string, { path: string; item: any }>();
  for (const [path, item] of Object.entries<any>(doc?.paths ?? {})) {
    out.set(normalisePath(path), { path, item: deref(doc, item).node ?? {} });
  }
  return out;
}

function methodsOf(item: any): string[] {
  return OPERATION_METHODS.filter((m) => item?.[m] && typeof item[m] === 'object').map((m) => m.toUpperCase());
}
