/**
 * The layers under the reference server, each serving `/health` as it does (the same body and
 * the same edge headers, a new request id each time), for `bench/layers.ts`: `LAYER=node` is
 * Node's http server alone, `LAYER=hono` adds @hono/node-server and Hono with one route,
 * `LAYER=fastify` is the bare baseline's framework. Nothing else runs in the process.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { answerCpuQueries } from './cpu-report';

const started = Date.now();
const body = () =>
  JSON.stringify({
    status: 'ok',
    version: '0.0.0',
    uptime_seconds: Math.floor((Date.now() - started) / 1000),
    checks: { database: 'ok' },
  });
const headers = () => ({
  'content-type': 'application/json',
  'X-Request-Id': randomUUID(),
  Vary: 'Origin', // and no CORS headers: the bench's requests carry no Origin
});
const ready = (port: number) => process.send?.({ ready: `http://127.0.0.1:${port}` });

answerCpuQueries();
const layer = process.env.LAYER;
if (layer === 'node') {
  const server = createServer((_req, res) => {
    const text = body();
    res.writeHead(200, { ...headers(), 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  });
  server.listen(0, '127.0.0.1', () => ready((server.address() as AddressInfo).port));
} else if (layer === 'hono') {
  const app = new Hono();
  app.get('/health', () => new Response(body(), { status: 200, headers: headers() }));
  serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => ready(info.port));
} else if (layer === 'fastify') {
  const app = Fastify({ logger: false });
  app.get('/health', async (_req, reply) => reply.headers(headers()).send(body()));
  await app.listen({ port: 0, host: '127.0.0.1' });
  ready((app.server.address() as AddressInfo).port);
} else {
  throw new Error(`LAYER is node, hono or fastify, not ${layer}`);
}
