import { jwtVerify, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from './harness/api';
import { type Person, setupAdmin, signUpUser } from './harness/fixtures';
import { selectedTargets, startTarget, type Target, testJwtSecret } from './harness/targets';
import { connect, listenOn, sleep } from './realtime-support';

const engines = selectedTargets().filter((t) => t === 'sqlite' || t === 'postgres');

/** The same token with `exp` moved to `seconds` from now. */
async function expiringIn(token: string, seconds: number): Promise<string> {
  const secret = new TextEncoder().encode(testJwtSecret);
  const { payload } = await jwtVerify(token, secret);
  return new SignJWT({ ...payload, exp: Math.floor(Date.now() / 1000) + seconds })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(secret);
}

describe.each(engines)('realtime: limits, timeouts and closes [%s]', (engine) => {
  let target: Target;
  let url: string;
  let stop: () => Promise<void>;
  let admin: Person;
  let user: Person;

  beforeAll(async () => {
    target = await startTarget(engine, {
      realtime: {
        idleTimeoutMs: 800,
        pingIntervalMs: 60_000,
        maxSubscriptions: 2,
        hardMaxFrameBytes: 100_000,
        maxBufferedBytes: 64 * 1024,
      },
    });
    const client = api(target);
    admin = await setupAdmin(client);
    user = await signUpUser(client, 'rt-limits');
    ({ url, stop } = await listenOn(target.app!));
  });

  afterAll(async () => {
    await stop?.();
    await target?.stop();
  });

  it('closes a silent connection with 4008', async () => {
    const { client } = await connect(url, user.token);
    const started = Date.now();
    expect((await client.closed).code).toBe(4008);
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
    expect(client.invalid).toEqual([]);
  });

  it('keeps a connection that pings alive past the idle timeout', async () => {
    const { client } = await connect(url, user.token);
    for (let i = 0; i < 5; i++) {
      await sleep(300);
      client.send({ type: 'ping' });
      await client.nextOf('pong');
    }
    client.close();
  });

  it('sends TOKEN_EXPIRED and closes with 4001 when the access token expires', async () => {
    const { client } = await connect(url, await expiringIn(user.token, 2));
    const keepAlive = setInterval(() => client.send({ type: 'ping' }), 300);
    try {
      const error = await client.nextOf('error', undefined, 5000);
      expect(error.payload.code).toBe('TOKEN_EXPIRED');
      expect((await client.closed).code).toBe(4001);
    } finally {
      clearInterval(keepAlive);
    }
  });

  it('refuses a subscription past the limit with RATE_LIMITED', async () => {
    const { client } = await connect(url, user.token);
    await client.subscribe('room:one');
    await client.subscribe('room:two');
    client.send({ type: 'subscribe', channel: 'room:three' });
    const error = await client.nextOf('error');
    expect(error).toMatchObject({ channel: 'room:three', payload: { code: 'RATE_LIMITED' } });
    await client.subscribe('room:one', { filter: { a: 1 } });
    client.close();
  });

  it('ends the connection (1009) on a frame above the hard limit', async () => {
    const { client } = await connect(url, user.token);
    client.send('x'.repeat(150_000));
    expect((await client.closed).code).toBe(1009);
  });

  it('closes a consumer too slow to read with 4002 instead of queueing without bound', async () => {
    const { client } = await connect(url, user.token);
    await client.subscribe('room:flood');
    client.socket.pause();
    // It still talks (so the idle timeout does not end it first); it only stops reading.
    const keepAlive = setInterval(() => client.send({ type: 'ping' }), 200);
    const http = api(target);
    const payload = 'y'.repeat(60_000);
    let recipients = 1;
    for (let i = 0; i < 400 && recipients > 0; i++) {
      const res = await http.post(
        '/realtime/broadcast',
        { channel: 'room:flood', event: 'e', payload },
        { token: admin.token },
      );
      recipients = res.body.recipients;
    }
    clearInterval(keepAlive);
    expect(recipients).toBe(0);
    client.socket.resume();
    expect((await client.closed).code).toBe(4002);
  });
});
