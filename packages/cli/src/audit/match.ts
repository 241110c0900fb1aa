/**
 * Matches a call (method + path template) to a spec operation. A spec segment `{}` matches any
 * segment; a static call segment can fill a spec parameter, a dynamic one cannot fill a static
 * spec segment. When several operations match, static segments win, left to right.
 */
import type { ParamShape, SpecOperation } from './types';

/**
 * The operation a call matches, or null with a note saying how close the spec came. When a
 * template segment of the call stands for fixed segments of the spec (`/genres/${type}` for
 * `/genres/movie` and `/genres/tv`), `standsFor` lists every operation it can reach.
 */
export type MatchResult = { operation: SpecOperation | null; note?: string; standsFor?: SpecOperation[] };

/** An index of a spec's operations by segment count, with the spec's server path prefix. */
export type OperationIndex = { bySize: Map<number, IndexedOperation[]>; prefix: string };

type IndexedOperation = { op: SpecOperation; segments: string[]; shapes: Array<ParamShape | undefined> };

/** Builds the lookup `matchCall` uses. */
export function indexOperations(ops: SpecOperation[], prefix = ''): OperationIndex {
  const bySize: OperationIndex['bySize'] = new Map();
  for (const op of ops) {
    const segments = op.template.split('/').slice(1);
    const shapes = op.path
      .split('/')
      .slice(1)
      .map((raw) => (raw.startsWith('{') && raw.endsWith('}') ? op.pathParams?.[raw.slice(1, -1)] : undefined));
    const list = bySize.get(segments.length) ?? [];
    list.push({ op, segments, shapes });
    bySize.set(segments.length, list);
  }
  return { bySize, prefix };
}

/** Finds the operation for a call; tries again without the server's path prefix (`/api/v1`). */
export function matchCall(method: string, path: string, index: OperationIndex): MatchResult {
  const direct = matchPath(method, path, index);
  if (direct.operation || !index.prefix || !path.startsWith(`${index.prefix}/`)) return direct;
  const stripped = matchPath(method, path.slice(index.prefix.length), index);
  return stripped.operation ? stripped : direct;
}

function matchPath(method: string, path: string, index: OperationIndex): MatchResult {
  const segments = path.split('/').slice(1);
  const candidates = (index.bySize.get(segments.length) ?? []).filter((c) =>
    c.segments.every((s, i) => segmentMatches(segments[i], s) && literalFits(segments[i], c.shapes[i])),
  );
  const sameMethod = candidates.filter((c) => c.op.method === method);
  if (sameMethod.length === 0) {
    const tail = tailMatch(method, segments, index);
    if (tail) return { operation: tail.op };
  }
  if (sameMethod.length === 0 && segments.includes('{}')) {
    const standFor = standingFor(method, segments, index);
    if (standFor.length > 0) return { operation: standFor[0].op, standsFor: standFor.map((c) => c.op) };
  }
  if (sameMethod.length === 0) {
    if (candidates.length === 0) return { operation: null };
    const methods = [...new Set(candidates.map((c) => c.op.method))].sort().join(', ');
    return { operation: null, note: `the spec has this path for ${methods} only` };
  }
  sameMethod.sort((a, b) => compareSpecificity(b.segments, a.segments));
  return { operation: sameMethod[0].op };
}

/** Whether one call segment fits one spec segment. */
export function segmentMatches(call: string, spec: string): boolean {
  if (call === spec) return true;
  if (!spec.includes('{}')) return false;
  if (spec === '{}') return call !== '';
  const pieces = spec.split('{}');
  if (!call.startsWith(pieces[0]) || !call.endsWith(pieces[pieces.length - 1])) return false;
  let at = pieces[0].length;
  for (const piece of pieces.slice(1, -1)) {
    const found = call.indexOf(piece, at);
    if (found < 0) return false;
    at = found + piece.length;
  }
  return at <= call.length - pieces[pieces.length - 1].length;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a literal call segment can be a value of the path parameter it would fill (`events` is no integer). */
export function literalFits(segment: string, shape: ParamShape | undefined): boolean {
  if (!shape || segment.includes('{}')) return true;
  if (Array.isArray(shape.enum)) return shape.enum.map(String).includes(segment);
  if (shape.type === 'integer') return /^-?\d+$/.test(segment);
  if (shape.type === 'number') return segment.trim() !== '' && Number.isFinite(Number(segment));
  if (shape.type === 'boolean') return segment === 'true' || segment === 'false';
  if (shape.format === 'uuid') return UUID.test(segment);
  return true;
}

function rank(segment: string): number {
  if (!segment.includes('{}')) return 2;
  return segment === '{}' ? 0 : 1;
}

function compareSpecificity(a: string[], b: string[]): number {
  for (let i = 0; i < a.length; i++) {
    const diff = rank(a[i]) - rank(b[i]);
    if (diff !== 0) return diff;
  }
  return 0;
}

/**
 * The operations a call with template segments can stand for when no parameter of the spec
 * fits: each `{}` of the call fills a fixed segment of the spec (`/genres/{}` → `/genres/movie`,
 * `/genres/tv`), and every other segment is the same as the spec's (a static call segment does
 * not fill a spec parameter here).
 */
function standingFor(method: string, segments: string[], index: OperationIndex): IndexedOperation[] {
  return (index.bySize.get(segments.length) ?? []).filter(
    (c) =>
      c.op.method === method &&
      c.segments.every((s, i) => segments[i] === s || (segments[i] === '{}' && !s.includes('{}'))),
  );
}

/** An operation whose last parameter is a tail (a file key) and takes the call's extra segments. */
function tailMatch(method: string, segments: string[], index: OperationIndex): IndexedOperation | undefined {
  for (const [size, list] of index.bySize) {
    if (size >= segments.length) continue;
    const hit = list.find(
      (c) =>
        c.op.pathTail &&
        c.op.method === method &&
        c.segments
          .slice(0, -1)
          .every((s, i) => segmentMatches(segments[i], s) && literalFits(segments[i], c.shapes[i])),
    );
    if (hit) return hit;
  }
  return undefined;
}
