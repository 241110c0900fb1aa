/**
 * Access tokens whose signature and claims were already checked, kept until they expire so
 * a client's next request with the same token skips the HMAC (a verify is most of the cost
 * of a cheap request). Only the token's own facts are kept: whether its session is still
 * live is asked on every request, so sign-out and revocation still take effect at once.
 * Bounded: past `capacity` tokens the oldest is forgotten (and simply verified again).
 */
import type { AccessClaims } from './tokens';

interface Entry {
  claims: AccessClaims;
  expiresAtMs: number;
}

export class VerifiedTokens {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly capacity = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The claims of a token verified before and not expired yet; undefined otherwise. */
  get(token: string): AccessClaims | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.expiresAtMs <= this.now()) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.claims;
  }

  remember(token: string, claims: AccessClaims, expiresAtSeconds: number): void {
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(token, { claims, expiresAtMs: expiresAtSeconds * 1000 });
  }
}
