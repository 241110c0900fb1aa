/**
 * The rules that keep an object key inside its bucket on every backend. A key is `/`-separated
 * segments; it is refused when any form a client, proxy or file system might read it as
 * (as sent, NFKC-normalised, percent-decoded once or more) could climb out of the bucket or
 * name something else than it shows.
 */

/** The longest key, in UTF-8 bytes. */
export const MAX_KEY_BYTES = 1024;
/** The longest segment, in UTF-8 bytes (a file name on most file systems). */
export const MAX_SEGMENT_BYTES = 255;

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const MAX_DECODES = 4;

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** What makes `key` climb out of its bucket or alias another key, in one reading of it. */
function traversalProblem(key: string): string | undefined {
  if (key.includes('\u0000')) return 'contains a NUL byte';
  if (key.includes('\\')) return 'contains a backslash';
  if (key.startsWith('/')) return 'starts with /';
  if (/^[a-zA-Z]:/.test(key)) return 'starts with a drive letter';
  const segments = key.split('/');
  if (segments.some((s) => s === '..')) return 'has a .. segment';
  if (segments.some((s) => s === '.')) return 'has a . segment';
  return undefined;
}

function decodedForms(key: string): string[] {
  const forms: string[] = [];
  let current = key;
  for (let i = 0; i < MAX_DECODES && current.includes('%'); i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      break;
    }
    if (next === current) break;
    forms.push(next);
    current = next;
  }
  return forms;
}

/** Why `key` is refused, or undefined when it is a safe object key. */
export function keyProblem(key: string): string | undefined {
  if (typeof key !== 'string' || key.length === 0) return 'is empty';
  if (LONE_SURROGATE.test(key)) return 'is not well-formed Unicode';
  if (byteLength(key) > MAX_KEY_BYTES) return `is longer than ${MAX_KEY_BYTES} bytes in UTF-8`;
  const direct = traversalProblem(key);
  if (direct) return direct;
  if (CONTROL.test(key)) return 'contains a control character';
  if (BIDI.test(key)) return 'contains a bidirectional control character';
  const segments = key.split('/');
  if (segments.some((s) => s === '')) return 'has an empty segment (// or a trailing /)';
  if (segments.some((s) => byteLength(s) > MAX_SEGMENT_BYTES))
    return `has a segment longer than ${MAX_SEGMENT_BYTES} bytes in UTF-8`;
  const normalized = key.normalize('NFKC');
  if (normalized !== key && traversalProblem(normalized)) return 'reads as a path traversal once Unicode-normalised';
  for (const form of decodedForms(key)) {
    if (traversalProblem(form) || CONTROL.test(form)) return 'reads as a path traversal once percent-decoded';
  }
  return undefined;
}

/** Whether `key` is a safe object key. */
export function isSafeKey(key: string): boolean {
  return keyProblem(key) === undefined;
}
