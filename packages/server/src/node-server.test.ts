import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createApp } from './app';
import { listen } from './node-server';

/** Resolves once `ready()` holds, checking every few milliseconds (5 s at most). */
async function until(ready: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

it('serves over HTTP and stops gracefully, letting a request in flight finish', async () => {
  const app = await createApp({ dataDir: mkdtempSync(join(tmpdir(), 'lockstep-http-')), logLevel: 'silent' });
  const server = await listen(app, 0, '127.0.0.1', false);
  const health = await fetch(`${server.url}/health`);
  expect(health.status).toBe(200);
  // A sign-in whose body is still arriving: in flight for as long as the test holds its end.
  // `connection: close`: a kept-alive socket would hold the stop until the server's keep-alive timeout.
  const login = request(`${server.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', connection: 'close' },
  });
  const answered = new Promise<number>((resolve, reject) => {
    login.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    login.on('error', reject);
  });
  login.write('{"email":"nobody@example.com",');
  await until(() => app.services.observability.requests.inFlight === 1);
  const stopping = server.stop();
  login.end('"password":"not-the-password"}');
  expect(await answered).toBe(401);
  await stopping;
  await expect(fetch(`${server.url}/health`)).rejects.toThrow();
});
