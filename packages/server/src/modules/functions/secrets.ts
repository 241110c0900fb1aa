/**
 * `env_vars` at rest: the whole map is sealed with AES-256-GCM under a key derived (HKDF-SHA256)
 * from the server's secret, the one that signs tokens (`services.ts`), so a copy of the
 * database alone does not reveal them when the secret comes from the configuration. Values
 * leave the server only masked; the mask sent back means "keep the stored value".
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** What a secret value looks like in an answer, and what keeps it in an update. */
export const SECRET_MASK = '********';

/** Seals and opens env-var maps. */
export class EnvVarsVault {
  private readonly key: Buffer;

  constructor(serverSecret: Uint8Array) {
    this.key = Buffer.from(hkdfSync('sha256', serverSecret, 'lockstep', 'functions env_vars v1', 32));
  }

  /** The sealed text of `vars`. */
  seal(vars: Record<string, string>): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(vars), 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join('.');
  }

  /** The map sealed in `text`; throws when it was tampered with or sealed under another key. */
  open(text: string): Record<string, string> {
    const [version, iv, tag, data] = text.split('.');
    if (version !== 'v1') throw new Error('env_vars: unknown sealing version');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]);
    return JSON.parse(plain.toString('utf8'));
  }
}

/** Every value masked, names kept. */
export function maskEnvVars(vars: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(vars).map((name) => [name, SECRET_MASK]));
}

/** The new map, where a masked value keeps what `stored` had under that name. */
export function mergeEnvVars(stored: Record<string, string>, sent: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(sent))
    out[name] = value === SECRET_MASK && Object.hasOwn(stored, name) ? stored[name] : value;
  return out;
}
