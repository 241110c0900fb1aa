import { firstExample } from './first-example';

const TEXT_DEFAULTS: Record<string, string> = {
  'text/csv': 'id,name\n1,example\n',
  'text/event-stream': 'event: message\ndata: {}\n\n',
  'text/html': '<!doctype html><title>mock</title>\n',
};

/** A small deterministic body of a non-JSON type: its string example, else text for `text/*`, else bytes. */
export function nonJsonBody(
  doc: object,
  type: string,
  mediaType: Record<string, any> | undefined,
): string | Uint8Array {
  const bare = type.split(';')[0].trim().toLowerCase();
  const example = firstExample(doc, mediaType)?.value;
  const isText = bare.startsWith('text/');
  const fallback = isText ? (TEXT_DEFAULTS[bare] ?? 'mock\n') : 'mock bytes\n';
  const text = typeof example === 'string' ? example : fallback;
  return isText ? text : new TextEncoder().encode(text);
}
