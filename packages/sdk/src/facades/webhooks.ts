/**
 * `client.webhooks`: endpoints, test deliveries, the delivery history and redelivery; and
 * `verifyWebhookSignature`, for the receiving side, with Web Crypto so it runs in browsers,
 * Node 20, Deno and workers alike.
 */
import type { FacadeTable, OperationFacade } from './operation-facade';

/** The webhooks' methods, by operation. */
export const webhookOperations = {
  list: 'listWebhooks',
  create: 'createWebhook',
  get: 'getWebhook',
  update: 'updateWebhook',
  remove: 'deleteWebhook',
  test: 'testWebhook',
  deliveries: 'listWebhookDeliveries',
  redeliver: 'redeliverWebhookDelivery',
} as const satisfies FacadeTable;

/** `client.webhooks`: HTTP callbacks on server events. */
export type WebhooksFacade = OperationFacade<typeof webhookOperations>;

/** How strict verification is. */
export interface VerifyOptions {
  /** Reject a `t` further than this from `now`. @default 300 */
  toleranceSeconds?: number;
  /** The receiver's clock, in Unix seconds. @default the current time */
  now?: number;
}

function hexOf(bytes: ArrayBuffer): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * Whether a delivery is genuine: `X-Lockstep-Signature` (`t=<unix>,v1=<hex>`) must be the
 * HMAC-SHA256, keyed with the webhook's secret, of `<t>.<raw body>`, and `t` recent.
 * @example
 * const ok = await verifyWebhookSignature(secret, req.headers['x-lockstep-signature'], rawBody);
 */
export async function verifyWebhookSignature(
  secret: string,
  header: string | null | undefined,
  rawBody: string,
  options: VerifyOptions = {},
): Promise<boolean> {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!match) return false;
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(match[1])) > (options.toleranceSeconds ?? 300)) return false;
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(`${match[1]}.${rawBody}`));
  return sameText(hexOf(mac), match[2]);
}
