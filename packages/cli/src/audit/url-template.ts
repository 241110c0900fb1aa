/**
 * Reduces a URL, given as static text and dynamic expressions, to the path template the spec
 * would use: `${API_URL}/auth/users/${id}?a=${b}` → `/auth/users/{}`.
 */
import type ts from 'typescript';
import { normalisePath } from '../spec/path-template';

/** A piece of a URL: static text, or an expression whose value is unknown statically. */
export type UrlPart = { text: string } | { expr: string; query?: boolean; node?: ts.Node };

/** A path template (with the host, when the URL names one literally), or the reason there is none. */
export type TemplateResult = { path: string; host?: string } | { reason: string };

type Token = string | Extract<UrlPart, { expr: string }>;

const SCHEMES = ['http://', 'https://', 'ws://', 'wss://', '//'];

/** Turns URL parts into a path template: base URLs, hosts, query strings and fragments dropped. */
export function toPathTemplate(parts: UrlPart[]): TemplateResult {
  let tokens = cutQuery(tokenize(parts));
  const host = hostOf(tokens);
  tokens = dropOrigin(tokens);
  while (tokens.length > 0 && typeof tokens[0] !== 'string') tokens = tokens.slice(1);
  if (tokens.length === 0) return { reason: 'the URL has no static path' };
  const whole = tokens.find((t) => typeof t !== 'string' && isPathName(t.expr));
  if (whole && typeof whole !== 'string')
    return { reason: `the path continues with \`${whole.expr}\`, which is not known statically` };
  if (tokens[0] !== '/') tokens = ['/', ...tokens];
  const last = tokens[tokens.length - 1];
  const beforeLast = tokens[tokens.length - 2];
  if (typeof last !== 'string' && beforeLast !== '/' && isQueryName(last.expr)) tokens = tokens.slice(0, -1);
  const path = normalisePath(tokens.map((t) => (typeof t === 'string' ? t : '{}')).join(''));
  if (path.split('/').every((segment) => segment === '' || segment === '{}') && path !== '/') {
    return { reason: `the path is entirely dynamic (${path})` };
  }
  return host ? { path, host } : { path };
}

/** The host of a URL that starts with a literal scheme and host (`https://plex.tv/...` → `plex.tv`). */
function hostOf(tokens: Token[]): string | undefined {
  let text = '';
  for (const t of tokens) {
    if (typeof t !== 'string') break;
    text += t;
  }
  const match = /^(?:https?|wss?):\/\/([^/?#:]+)/i.exec(text);
  return match ? match[1].toLowerCase() : undefined;
}

function tokenize(parts: UrlPart[]): Token[] {
  const tokens: Token[] = [];
  for (const part of parts) {
    if ('text' in part) tokens.push(...part.text);
    else tokens.push(part);
  }
  return tokens;
}

function cutQuery(tokens: Token[]): Token[] {
  const at = tokens.findIndex((t) => (typeof t === 'string' ? t === '?' || t === '#' : t.query === true));
  return at < 0 ? tokens : tokens.slice(0, at);
}

function dropOrigin(tokens: Token[]): Token[] {
  const head = tokens
    .slice(0, 8)
    .map((t) => (typeof t === 'string' ? t.toLowerCase() : '\u0001'))
    .join('');
  const scheme = SCHEMES.find((s) => head.startsWith(s));
  if (!scheme) return tokens;
  const slash = tokens.indexOf('/', scheme.length);
  return slash < 0 ? ['/'] : tokens.slice(slash);
}

/** Names that hold a whole path or URL rather than one segment: `${BASE}${path}` is not a template. */
const PATH_NAMES = new Set([
  'path',
  'url',
  'uri',
  'endpoint',
  'route',
  'pathname',
  'href',
  'resource',
  'apipath',
  'apiurl',
  'urlpath',
  'subpath',
  'relativeurl',
  'relativepath',
]);

function isPathName(expr: string): boolean {
  const last = expr.slice(expr.lastIndexOf('.') + 1).toLowerCase();
  return PATH_NAMES.has(last);
}

/** Whether an expression glued to the end of a path is most likely a query string. */
function isQueryName(expr: string): boolean {
  const lower = expr.toLowerCase();
  return lower === 'qs' || ['query', 'param', 'search', 'urlsearchparams'].some((word) => lower.includes(word));
}
