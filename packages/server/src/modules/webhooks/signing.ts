/**
 * The delivery signatures the spec documents: `X-Lockstep-Signature: t=<unix>,v1=<hex>`, the
 * lowercase hex HMAC-SHA256 keyed with the whole secret of `<unix>.<raw body>`, and its
 * verification (constant-time, with a tolerance on `t`) for receivers and tests; and the
 * Standard Webhooks one (`webhook-signature: v1,<base64>`, keyed with the secret's bytes
 * after `whsec_`, of `<webhook-id>.<webhook-timestamp>.<raw body>`).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The signature header's value for `body` sent at `unixSeconds`. */
export function signatureHeader(secret: string, unixSeconds: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/** The Standard Webhooks `webhook-signature` value of `body` sent as message `id` at `unixSeconds`. */
export function standardSignature(secret: string, id: string, unixSeconds: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${unixSeconds}.${body}`).digest('base64')}`;
}

/** Whether `header` signs `body` with `secret`, sent within `toleranceSeconds` of `nowSeconds`. */
export function verifySignature(
  secret: string,
  header: string,
  body: string,
  nowSeconds = Math.floor(Date.now() / 1000),
  toleranceSeconds = 300,
): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const want = Buffer.from(signatureHeader(secret, t, body).split('v1=')[1], 'hex');
  const got = Buffer.from(parts.v1, 'hex');
  return got.length === want.length && timingSafeEqual(got, want);
}
