/**
 * Turns security requirements into credentials on a request. A requirement with scopes
 * (`bearerAuth: [admin]`) is met by the admin credentials; one without scopes by the user
 * credentials, or else by the admin ones. HTTP bearer, OAuth 2 and OpenID Connect schemes take
 * a token (`Authorization: Bearer`); apiKey schemes take a key where the scheme says.
 */
import { deref } from '@lockstep/contract';
import type { Alternative, ContractOperation, Credentials } from './types';

/** Who a credential belongs to. */
export type Level = 'user' | 'admin';

/** Credentials applied to a request: headers and query pairs, and a label for reports. */
export type AuthPlan = { headers: Record<string, string>; query: [string, string][]; label: string };

/** Whether an operation refuses anonymous callers (it has requirements, none of them empty). */
export function isSecured(op: ContractOperation): boolean {
  return op.security.length > 0 && op.security.every((alt) => alt.length > 0);
}

/** The level an alternative needs: admin when it names any scope. */
export function levelOf(alt: Alternative): Level {
  return alt.some((s) => s.scopes.length > 0) ? 'admin' : 'user';
}

/** `bearerAuth[admin] or apiKeyAuth[admin]`. */
export function describeSecurity(op: ContractOperation): string {
  if (op.security.length === 0) return 'none';
  return op.security.map(describeAlternative).join(' or ');
}

/** `bearerAuth[admin]`, `a + b`. */
export function describeAlternative(alt: Alternative): string {
  if (alt.length === 0) return 'anonymous';
  return alt.map((s) => (s.scopes.length ? `${s.scheme}[${s.scopes.join(', ')}]` : s.scheme)).join(' + ');
}

/** What kind of secret a scheme takes; null for schemes the suite cannot fill (HTTP basic, mutual TLS). */
function secretKind(doc: any, scheme: string): { kind: 'token' | 'key'; def: any } | null {
  const def = deref(doc, doc.components?.securitySchemes?.[scheme]).node;
  if (!def) return null;
  if (def.type === 'http' && String(def.scheme).toLowerCase() === 'bearer') return { kind: 'token', def };
  if (def.type === 'oauth2' || def.type === 'openIdConnect') return { kind: 'token', def };
  if (def.type === 'apiKey' && typeof def.name === 'string') return { kind: 'key', def };
  return null;
}

function secretFor(kind: 'token' | 'key', level: Level, creds: Credentials): string | undefined {
  const user = kind === 'token' ? creds.token : creds.apiKey;
  const admin = kind === 'token' ? creds.adminToken : creds.adminApiKey;
  return level === 'admin' ? admin : (user ?? admin);
}

function apply(plan: AuthPlan, def: any, kind: 'token' | 'key', secret: string): void {
  if (kind === 'token') plan.headers.authorization = `Bearer ${secret}`;
  else if (def.in === 'query') plan.query.push([def.name, secret]);
  else if (def.in === 'cookie')
    plan.headers.cookie = [plan.headers.cookie, `${def.name}=${secret}`].filter(Boolean).join('; ');
  else plan.headers[String(def.name).toLowerCase()] = secret;
}

/** Credentials meeting `alt` at its level (or at `level` when given), or null when some are missing. */
export function planFor(doc: any, alt: Alternative, creds: Credentials, level: Level = levelOf(alt)): AuthPlan | null {
  const plan: AuthPlan = { headers: {}, query: [], label: `${level} ${describeAlternative(alt)}` };
  for (const { scheme } of alt) {
    const kind = secretKind(doc, scheme);
    const secret = kind && secretFor(kind.kind, level, creds);
    if (!kind || !secret) return null;
    apply(plan, kind.def, kind.kind, secret);
  }
  return plan;
}

/** The first alternative the credentials meet, with its plan; anonymous for public operations. */
export function firstPlan(
  doc: any,
  op: ContractOperation,
  creds: Credentials,
): { plan: AuthPlan; index: number } | null {
  if (!isSecured(op)) return { plan: { headers: {}, query: [], label: 'anonymous' }, index: -1 };
  for (const [index, alt] of op.security.entries()) {
    const plan = planFor(doc, alt, creds);
    if (plan) return { plan, index };
  }
  return null;
}

/** A credential for `scheme` that no server issued, or null when the scheme is not one the suite fills. */
export function invalidPlan(doc: any, scheme: string): AuthPlan | null {
  const kind = secretKind(doc, scheme);
  if (!kind) return null;
  const plan: AuthPlan = { headers: {}, query: [], label: `an invalid ${scheme} credential` };
  const secret = kind.kind === 'token' ? 'lockstep-contract.invalid.token' : 'lockstep-contract-invalid-key';
  apply(plan, kind.def, kind.kind, secret);
  return plan;
}

/** The user credentials for an operation every alternative of which needs a scope; null otherwise. */
export function lowerRolePlan(doc: any, op: ContractOperation, creds: Credentials): AuthPlan | null {
  if (!isSecured(op) || op.security.some((alt) => levelOf(alt) === 'user')) return null;
  const userOnly: Credentials = { token: creds.token, apiKey: creds.apiKey };
  for (const alt of op.security) {
    const plan = planFor(doc, alt, userOnly, 'user');
    if (plan) return { ...plan, label: `user credentials (${describeAlternative(alt)} needs a scope)` };
  }
  return null;
}
