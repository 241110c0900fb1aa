/** Whether a target answers at all: one request before a long run, so that a closed port is one clear line. */
import { UnreachableError } from '../usage-error';

/** The transport reason of a failed fetch: `ECONNREFUSED`, `ECONNRESET`, `UND_ERR_SOCKET`, a timeout. */
export function transportReason(error: unknown, timeoutMs: number): string {
  const err = error as Error & { cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  return err.cause?.code ?? err.cause?.message ?? err.message;
}

/** Sends one GET to `url`; any HTTP answer will do. Throws UnreachableError when nothing answers. */
export async function assertReachable(url: string, timeoutMs = 10_000): Promise<void> {
  try {
    const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel().catch(() => {});
  } catch (error) {
    throw new UnreachableError(
      `nothing answers at ${url} (${transportReason(error, timeoutMs)}): is the server up and the URL right?`,
    );
  }
}
