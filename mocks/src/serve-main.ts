/** `npm run mock:msw`: the msw mocks on http://127.0.0.1:4011 (PORT and HOST override). */
import { serveMocks } from './serve';

const mock = await serveMocks({ port: Number(process.env.PORT ?? 4011), host: process.env.HOST ?? '127.0.0.1' });
console.log(`mocks (msw handlers) listening on ${mock.url}`);
process.send?.({ ready: mock.url });
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => mock.close().then(() => process.exit(0)));
