import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createApp } from './app';
import { listen } from './node-server';

it('serves over HTTP and stops gracefully, letting a request in flight finish', async () => {
  const app = await createApp({ dataDir: mkdtempSync(join(tmpdir(), 'lockstep-http-')), logLevel: 'silent' });
  const server = await listen(app, 0, '127.0.0.1', false);
  const health = await fetch(`${server.url}/health`);
  expect(health.status).toBe(200);
  const inFlight = fetch(`${server.url}/health/ready`);
  await new Promise((r) => setTimeout(r, 5));
  const stopping = server.stop();
  expect((await inFlight).status).toBe(200);
  await stopping;
  await expect(fetch(`${server.url}/health`)).rejects.toThrow();
});
