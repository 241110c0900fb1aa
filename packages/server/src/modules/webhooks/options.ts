import { wholeNumber } from '../../env-number';

/** What an operator can tune in webhook delivery. */
export interface WebhookOptions {
  /** Waits between attempts (5 attempts in all, as the spec documents). @default 1 min, 5 min, 30 min, 2 h */
  retryDelaysMs: number[];
  /** Random share added to or taken from each wait, so retries of many deliveries spread out. @default 0.1 */
  jitter: number;
  /** An attempt without an answer within this is a failure. @default 10000 */
  timeoutMs: number;
  /** How often the queue is read for due deliveries. @default 1000 */
  pollMs: number;
  /**
   * Deliver to loopback, private, link-local and other non-public addresses
   * (`WEBHOOKS_ALLOW_PRIVATE=true`). Off by default: a webhook URL must not reach into the
   * server's own network (SSRF). @default false
   */
  allowPrivateAddresses: boolean;
  /** A webhook is disabled after this many deliveries in a row failed every attempt. @default 20 */
  disableAfterFailures: number;
  /** Deliveries older than this are deleted. @default 30 */
  retentionDays: number;
}

export const defaultWebhookOptions: WebhookOptions = {
  retryDelaysMs: [60_000, 300_000, 1_800_000, 7_200_000],
  jitter: 0.1,
  timeoutMs: 10_000,
  pollMs: 1000,
  allowPrivateAddresses: false,
  disableAfterFailures: 20,
  retentionDays: 30,
};

/** The options from the environment. */
export function webhookOptionsFromEnv(env: NodeJS.ProcessEnv): Partial<WebhookOptions> {
  const out: Partial<WebhookOptions> = {};
  if (env.WEBHOOKS_ALLOW_PRIVATE) out.allowPrivateAddresses = env.WEBHOOKS_ALLOW_PRIVATE === 'true';
  if (env.WEBHOOKS_TIMEOUT_MS)
    out.timeoutMs = wholeNumber('WEBHOOKS_TIMEOUT_MS', env.WEBHOOKS_TIMEOUT_MS, 'milliseconds', 1);
  return out;
}
