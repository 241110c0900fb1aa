/**
 * `env_vars` at rest: the whole map is sealed (`crypto/sealer.ts`) under a key derived from the
 * server's secret, the one that signs tokens (`services.ts`), so a copy of the
 * database alone does not reveal them when the secret comes from the configuration. Values
 * leave the server only masked; the mask sent back means "keep the stored value".
 */
import { Sealer } from '../../crypto/sealer';

/** What a secret value looks like in an answer, and what keeps it in an update. */
export const SECRET_MASK = '********';

/** Seals and opens env-var maps: `v1.iv.tag.ciphertext`, each base64. */
export class EnvVarsVault {
  private readonly sealer: Sealer;

  constructor(serverSecret: Uint8Array) {
    this.sealer = new Sealer(serverSecret, 'functions env_vars v1', {
      encoding: 'base64',
      version: 'v1',
      label: 'env_vars',
    });
  }

  /** The sealed text of `vars`. */
  seal(vars: Record<string, string>): string {
    return this.sealer.seal(JSON.stringify(vars));
  }

  /** The map sealed in `text`; throws when it was tampered with or sealed under another key. */
  open(text: string): Record<string, string> {
    return JSON.parse(this.sealer.open(text));
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
