/**
 * The realtime WebSocket on a Node HTTP server: takes the upgrade of `GET /realtime` (any
 * other path is refused with 404), authenticates `?token=`, and feeds frames to the
 * service one at a time per connection. The in-process fetch app cannot upgrade, so this is
 * attached by `listen()` and tested over a real socket.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { authenticate } from './authenticate';
import { Connection, type Credential } from './connection';
import { handleFrame } from './frame-handlers';
import { errorFrame, FrameError } from './frames';
import { CloseCode } from './options';
import type { RealtimeService } from './service';
import { sweepCredentials, sweepTimers } from './sweep';

function refuse(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function serve(service: RealtimeService, ws: WebSocket, caller: Connection['caller'], credential: Credential): void {
  const c = new Connection(ws, caller, credential, service.options, service.stats);
  service.add(c);
  let chain: Promise<void> = Promise.resolve();
  ws.on('message', (data, isBinary) => {
    if (isBinary) {
      c.lastSeen = Date.now();
      c.fail('VALIDATION_FAILED', 'Frames are JSON text, not binary');
      return;
    }
    const text = data.toString();
    chain = chain.then(() => handleFrame(service, c, text));
  });
  ws.on('pong', () => {
    c.lastSeen = Date.now();
  });
  ws.on('ping', () => {
    c.lastSeen = Date.now();
  });
  ws.on('close', () => {
    c.closed = true;
    service.remove(c);
  });
  ws.on('error', () => ws.terminate());
  c.send({ type: 'connected', payload: { connection_id: c.id } });
}

async function upgrade(
  service: RealtimeService,
  wss: WebSocketServer,
  request: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://local');
  if (url.pathname !== '/realtime') return refuse(socket, '404 Not Found');
  let auth: Awaited<ReturnType<typeof authenticate>> | FrameError;
  try {
    auth = await authenticate(service.deps.credentials, url.searchParams.get('token'));
  } catch (error) {
    if (!(error instanceof FrameError)) throw error;
    auth = error;
  }
  wss.handleUpgrade(request, socket, head, (ws) => {
    if (auth instanceof FrameError) {
      ws.send(JSON.stringify(errorFrame(auth.code, auth.message)));
      ws.close(CloseCode.unauthorized, auth.message);
      return;
    }
    serve(service, ws, auth.caller, auth.credential);
  });
}

/** Serves the realtime WebSocket on `server`; answers a function that stops it. */
export function attachRealtime(server: Server, service: RealtimeService): () => void {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: service.options.hardMaxFrameBytes,
    perMessageDeflate: false,
    clientTracking: false,
  });
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    upgrade(service, wss, request, socket, head).catch((error) => {
      service.deps.log.error({ err: error }, 'realtime: upgrade failed');
      refuse(socket, '500 Internal Server Error');
    });
  };
  server.on('upgrade', onUpgrade);
  const o = service.options;
  const tick = setInterval(() => sweepTimers(service), Math.min(1000, o.pingIntervalMs, o.idleTimeoutMs / 2));
  let checking = false;
  const check = setInterval(() => {
    if (checking) return;
    checking = true;
    sweepCredentials(service)
      .catch((error) => service.deps.log.error({ err: error }, 'realtime: credential check failed'))
      .finally(() => {
        checking = false;
      });
  }, o.authCheckIntervalMs);
  tick.unref();
  check.unref();
  return () => {
    server.off('upgrade', onUpgrade);
    clearInterval(tick);
    clearInterval(check);
    wss.close();
  };
}
