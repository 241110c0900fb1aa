import { firstExample } from './first-example';
import { resolveRef } from './resolve-ref';
import { sampleSchema } from './sample-schema';

/** What the derived headers are computed from. */
export interface HeaderContext {
  operationId: string;
  body: unknown;
  bytes: Uint8Array | null;
  contentType?: string;
}

const EXTENSIONS: Record<string, string> = { 'text/csv': 'csv', 'application/json': 'json', 'text/plain': 'txt' };

/** Values for a response's documented headers: derived from the body where they describe it, else sampled. */
export function headerValues(doc: object, headers: Record<string, unknown> | undefined, context: HeaderContext) {
  const values: Record<string, string> = {};
  for (const [name, header] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-type') continue;
    const value = derived(name.toLowerCase(), context) ?? documented(doc, resolveRef(doc, header));
    if (value !== undefined) values[name] = String(value);
  }
  return values;
}

function derived(name: string, { operationId, body, bytes, contentType }: HeaderContext): unknown {
  const length = bytes?.length ?? 0;
  switch (name) {
    case 'x-total-count':
      return totalCount(body);
    case 'content-length':
      return length;
    case 'content-range':
      return `bytes ${length ? `0-${length - 1}` : '*'}/${length}`;
    case 'etag':
      return `"${fnv1a(bytes ?? new Uint8Array())}"`;
    case 'content-disposition': {
      const extension = EXTENSIONS[(contentType ?? '').split(';')[0]] ?? 'bin';
      return `attachment; filename="${operationId}.${extension}"`;
    }
    default:
      return undefined;
  }
}

function totalCount(body: unknown): number | undefined {
  if (Array.isArray(body)) return body.length;
  if (!body || typeof body !== 'object') return undefined;
  const fields = Object.values(body);
  const total = ['total', 'total_count', 'count'].map((key) => (body as Record<string, unknown>)[key]);
  return total.find((value): value is number => typeof value === 'number') ?? fields.find(Array.isArray)?.length;
}

function documented(doc: object, header: any): unknown {
  const example = firstExample(doc, header)?.value ?? sampleSchema(doc, header?.schema ?? { type: 'string' });
  return example === null || typeof example === 'object' ? undefined : example;
}

function fnv1a(bytes: Uint8Array): string {
  let hash = 0x811c9dc5;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}
