/**
 * Webhook signing secrets: `whsec_` and 32 random bytes in base64 (as Standard Webhooks
 * libraries read them), shown once. The server
 * must keep each secret to sign with, so it is sealed (AES-256-GCM, a key derived by HKDF
 * from the server's signing secret) rather than hashed; only its 10-character prefix is
 * stored in clear, to tell secrets apart.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** A new secret. */
export function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The part of a secret shown after creation. */
export function prefixOf(secret: string): string {
  return secret.slice(0, 10);
}

/** Seals and opens secrets with one key. */
export class SecretBox {
  private readonly key: Buffer;

  constructor(serverSecret: Uint8Array) {
    this.key = Buffer.from(hkdfSync('sha256', serverSecret, 'lockstep', 'webhook-secrets', 32));
  }

  /** `iv.tag.ciphertext`, each base64url. */
  seal(secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
  }

  /** The secret a sealed value holds; throws when it was sealed with another key. */
  open(sealed: string): string {
    const [iv, tag, body] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  }
}
