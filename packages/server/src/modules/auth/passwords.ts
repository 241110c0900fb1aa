import { hash, verify } from '@node-rs/argon2';
import { HttpError } from '../../http/http-error';
import type { PasswordPolicy } from '../../settings/auth-settings';

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. (Algorithm 2 is Argon2id; the enum is a const enum.)
const options = { algorithm: 2 as const, memoryCost: 19456, timeCost: 2, parallelism: 1 };

/** The argon2id hash of `password`, in PHC string form. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

/** Whether `password` matches `passwordHash`; false for a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the user is unknown, so timing does not tell who exists. */
export const decoyHash = hash('decoy-password-for-timing', options);

/** What `password` lacks under `policy`; empty when it is acceptable. */
export function policyViolations(password: string, policy: PasswordPolicy): string[] {
  const out: string[] = [];
  if (password.length < policy.min_length) out.push(`at least ${policy.min_length} characters`);
  if (policy.require_uppercase && !/[A-Z]/.test(password)) out.push('an uppercase letter');
  if (policy.require_lowercase && !/[a-z]/.test(password)) out.push('a lowercase letter');
  if (policy.require_numbers && !/[0-9]/.test(password)) out.push('a digit');
  if (policy.require_symbols && !/[^A-Za-z0-9]/.test(password)) out.push('a symbol');
  return out;
}

/** Throws 400 WEAK_PASSWORD unless `password` satisfies `policy`. */
export function assertPasswordPolicy(password: string, policy: PasswordPolicy): void {
  const missing = policyViolations(password, policy);
  if (missing.length > 0) {
    throw new HttpError(400, 'WEAK_PASSWORD', `The password needs ${missing.join(', ')}.`);
  }
}
