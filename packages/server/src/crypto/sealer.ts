/**
 * Sealing what the server must read back but a copy of the database must not reveal (webhook
 * signing secrets, functions' env_vars): AES-256-GCM under a key derived (HKDF-SHA256) from the
 * server's secret, the one that signs tokens, with one `info` per use so keys never repeat.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** How a sealed value is written: `[version.]iv.tag.ciphertext`. */
export interface SealFormat {
  /** The encoding of each part. */
  encoding: 'base64' | 'base64url';
  /**
   * A first part naming the format, checked when opening.
   * @default none
   */
  version?: string;
  /**
   * What the error of a wrong version names.
   * @default 'sealed value'
   */
  label?: string;
}

/** Seals and opens text with one key. */
export class Sealer {
  private readonly key: Buffer;

  constructor(
    serverSecret: Uint8Array,
    info: string,
    private readonly format: SealFormat,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', serverSecret, 'lockstep', info, 32));
  }

  /** The sealed text of `plain`. */
  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString(this.format.encoding));
    return (this.format.version === undefined ? parts : [this.format.version, ...parts]).join('.');
  }

  /** The text sealed in `sealed`; throws when it was tampered with or sealed under another key. */
  open(sealed: string): string {
    const parts = sealed.split('.');
    if (this.format.version !== undefined && parts.shift() !== this.format.version)
      throw new Error(`${this.format.label ?? 'sealed value'}: unknown sealing version`);
    const [iv, tag, body] = parts.map((p) => Buffer.from(p, this.format.encoding));
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  }
}
