/**
 * Periodic checks of open connections: a WebSocket Ping every `pingIntervalMs`, a close
 * with 4008 after `idleTimeoutMs` of silence, TOKEN_EXPIRED and 4001 when the access token
 * expires, and UNAUTHENTICATED and 4001 as soon as a check finds the session or API key
 * behind a connection revoked or expired.
 */
import type { Connection } from './connection';
import { CloseCode } from './options';
import type { RealtimeService } from './service';
import { liveApiKeys, liveSessions } from './store';

function unauthorized(c: Connection, code: 'TOKEN_EXPIRED' | 'UNAUTHENTICATED', message: string): void {
  c.fail(code, message);
  c.close(CloseCode.unauthorized, message);
}

/** Pings, idles out and expires connections; called every second or so. */
export function sweepTimers(service: RealtimeService, now = Date.now()): void {
  const { idleTimeoutMs, pingIntervalMs } = service.options;
  for (const c of service.connections.values()) {
    if (c.closed) continue;
    if (c.credential.expiresAt !== undefined && c.credential.expiresAt <= now) {
      unauthorized(c, 'TOKEN_EXPIRED', 'The access token has expired; reconnect with a fresh one');
    } else if (now - c.lastSeen >= idleTimeoutMs) {
      c.close(CloseCode.idle, 'idle timeout');
    } else if (now - c.lastPing >= pingIntervalMs) {
      c.lastPing = now;
      c.socket.ping();
    }
  }
}

/** Closes the connections whose session or API key is no longer live. */
export async function sweepCredentials(service: RealtimeService): Promise<void> {
  const open = [...service.connections.values()].filter((c) => !c.closed);
  const sessions = open.map((c) => c.credential.sessionId).filter((id): id is string => id !== undefined);
  const keys = open.map((c) => c.credential.apiKeyId).filter((id): id is string => id !== undefined);
  const [liveS, liveK] = await Promise.all([
    liveSessions(service.deps.database, [...new Set(sessions)]),
    liveApiKeys(service.deps.database, [...new Set(keys)]),
  ]);
  for (const c of open) {
    const { sessionId, apiKeyId } = c.credential;
    if ((sessionId && !liveS.has(sessionId)) || (apiKeyId && !liveK.has(apiKeyId)))
      unauthorized(c, 'UNAUTHENTICATED', 'The session behind this connection has ended');
  }
}
