/** Password hashing: argon2id at OWASP's baseline, and a decoy hash so an unknown email costs as much as a wrong password. */
import { hash, verify } from '@node-rs/argon2';

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
