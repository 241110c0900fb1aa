/**
 * Webhook signing secrets: `whsec_` and 32 random bytes in base64 (as Standard Webhooks
 * libraries read them), shown once. The server
 * must keep each secret to sign with, so it is sealed (`crypto/sealer.ts`) rather than hashed; only its 10-character prefix is
 * stored in clear, to tell secrets apart.
 */
import { randomBytes } from 'node:crypto';
import { Sealer } from '../../crypto/sealer';

/** A new secret. */
export function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The part of a secret shown after creation. */
export function prefixOf(secret: string): string {
  return secret.slice(0, 10);
}

/** Seals and opens secrets with one key: `iv.tag.ciphertext`, each base64url. */
export class SecretBox extends Sealer {
  constructor(serverSecret: Uint8Array) {
    super(serverSecret, 'webhook-secrets', { encoding: 'base64url' });
  }
}
