import { resolveRef } from './resolve-ref';

/**
 * The error code that goes with `status`, read from the catalogue table in the description of the
 * error schema's `code` (`| CODE | status | meaning |`); else the enum's first value, if any.
 */
export function errorCodeFor(doc: object, errorSchema: any, status: number): string | undefined {
  const code = resolveRef(doc, resolveRef(doc, errorSchema)?.properties?.code);
  if (!code) return undefined;
  const rows = String(code.description ?? '').matchAll(/^\|\s*([A-Z][A-Z0-9_]*)\s*\|\s*(\d{3})\s*\|/gm);
  for (const [, name, rowStatus] of rows) {
    if (Number(rowStatus) === status && (!code.enum || code.enum.includes(name))) return name;
  }
  return code.enum?.[0];
}
