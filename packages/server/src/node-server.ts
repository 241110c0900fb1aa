/**
 * Serves an app over HTTP on Node, with the realtime WebSocket on `/realtime`, and shuts
 * down gracefully on SIGINT and SIGTERM.
 */

import type { Server } from 'node:http';
import { type ServerType, serve } from '@hono/node-server';
import type { App } from './app';
import { attachRealtime } from './modules/realtime/socket-server';

export interface RunningServer {
  url: string;
  /** Stops taking connections, lets requests in flight finish (10 s at most: an endless stream is cut), then closes the database. */
  stop: () => Promise<void>;
}

/** How long requests in flight may take to finish once the server stops; then their connections are cut. */
const STOP_GRACE_MS = 10_000;

function closeServer(server: ServerType): Promise<void> {
  return new Promise((resolve) => {
    const cut = setTimeout(() => {
      if ('closeAllConnections' in server) server.closeAllConnections();
    }, STOP_GRACE_MS);
    cut.unref();
    server.close(() => {
      clearTimeout(cut);
      resolve();
    });
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  });
}

/** Listens on `port`/`host`; with `handleSignals`, SIGINT and SIGTERM stop the server. */
export function listen(app: App, port: number, host: string, handleSignals = true): Promise<RunningServer> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.respond, port, hostname: host }, (info) => {
      const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${info.port}`;
      const detachRealtime = attachRealtime(server as Server, app.services.realtime);
      const stop = async () => {
        detachRealtime();
        await app.services.realtime.close();
        await closeServer(server);
        await app.close();
      };
      if (handleSignals) {
        const onSignal = (signal: string) => {
          app.services.log.info({ signal }, 'shutting down');
          stop().then(() => process.exit(0));
        };
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
      }
      resolve({ url, stop });
    });
  });
}
