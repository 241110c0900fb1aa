/** Loads an OpenAPI 3.x document, JSON or YAML, from a file or an http(s) URL. */
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { UnreachableError, UsageError } from '../usage-error';
import { transportReason } from './reach';

/** An OpenAPI document as parsed, not validated beyond its version. */
export type OpenApiDocument = Record<string, any>;

/** Reads and parses a spec; unreadable, unparsable or non-3.x documents are usage errors. */
export async function loadSpec(source: string): Promise<OpenApiDocument> {
  const text = isUrl(source) ? await fetchText(source) : await readText(source);
  const doc = parseSpecText(text, source);
  const version = typeof doc.openapi === 'string' ? doc.openapi : null;
  if (!version?.startsWith('3.')) {
    const found = version ?? (doc.swagger ? `swagger ${doc.swagger}` : 'no version');
    throw new UsageError(`${source} is not an OpenAPI 3.x document (${found})`);
  }
  return doc;
}

/** Parses spec text as JSON when it looks like JSON, otherwise as YAML. */
export function parseSpecText(text: string, source: string): OpenApiDocument {
  try {
    const value = text.trimStart().startsWith('{') ? JSON.parse(text) : parseYaml(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value;
  } catch (error) {
    throw new UsageError(`cannot parse ${source}: ${(error as Error).message.split('\n')[0]}`);
  }
  throw new UsageError(`${source} is not an OpenAPI document (not an object)`);
}

/** Whether a spec or backend argument is an http(s) URL rather than a file. */
export function isUrl(source: string): boolean {
  return source.startsWith('http://') || source.startsWith('https://');
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

async function fetchText(url: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, {
      signal: AbortSignal.timeout(15_000),
      headers: { accept: 'application/json, application/yaml' },
    });
  } catch (error) {
    throw new UnreachableError(`cannot fetch ${url}: ${transportReason(error, 15_000)}`);
  }
  if (!response.ok) throw new UsageError(`cannot fetch ${url}: HTTP ${response.status}`);
  return response.text();
}
