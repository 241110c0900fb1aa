/**
 * The sandbox against hostile code: each escape attempt and each limit ends the run with its
 * documented outcome, and the pool still runs the next function afterwards.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxPool } from './pool';
import type { SandboxJob, SandboxLimits } from './protocol';

const limits: SandboxLimits = {
  timeoutMs: 1500,
  cpuMs: 800,
  memoryBytes: 16 * 1024 * 1024,
  maxResultBytes: 64 * 1024,
  maxLogLines: 50,
  maxLogChars: 4096,
  maxFetches: 3,
};

function job(code: string, over: Partial<SandboxJob> = {}): SandboxJob {
  return {
    code,
    payloadJson: '{"name":"Ada"}',
    contextJson: '{"env":{"TOKEN":"t0"}}',
    limits,
    fetch: { allowedHosts: [], allowPrivateNetwork: false },
    ...over,
  };
}

/** Tight limits for the tests that run into them, so the suite stays fast. */
const tight = { limits: { ...limits, timeoutMs: 500, cpuMs: 300 } };
/** Roomy clocks for the tests of other limits, so a loaded machine meets those limits first, not the clock. */
const roomy = { limits: { ...limits, timeoutMs: 15_000, cpuMs: 10_000 } };

const fn = (body: string) => `export default async function handler(payload, context) { ${body} }`;

let pool: SandboxPool;
let server: Server;
let port = 0;

beforeAll(async () => {
  pool = new SandboxPool({ size: 2, killGraceMs: 1000 });
  const sixMiB = Buffer.alloc(6 * 1024 * 1024, 'a');
  const answers: Record<string, [Record<string, string>, Buffer | string]> = {
    '/big': [{}, sixMiB],
    '/zipped': [{ 'content-encoding': 'gzip' }, gzipSync('{"zipped":true}')],
    '/zip-bomb': [{ 'content-encoding': 'gzip' }, gzipSync(sixMiB)],
  };
  server = createServer((req, res) => {
    const [headers, body] = answers[req.url ?? ''] ?? [{}, '{"pong":true}'];
    res.writeHead(200, headers).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await pool.close();
  server.close();
});

async function healthy(): Promise<void> {
  const after = await pool.run(job(fn('return { ok: payload.name };')));
  expect(after.status).toBe('success');
  expect(JSON.parse(after.resultJson as string)).toEqual({ ok: 'Ada' });
}

describe('sandbox: what works', () => {
  it("runs the dashboard's template and returns its result", async () => {
    const out = await pool.run(job('export default async function handler(req) { return { message: "Hello World" } }'));
    expect(out).toMatchObject({ status: 'success', resultJson: '{"message":"Hello World"}' });
    expect(out.durationMs).toBeGreaterThan(0);
  });

  it('gives the payload and context, keeps console output with levels', async () => {
    const out = await pool.run(
      job(
        fn(
          "console.debug('d'); console.log('hi', payload.name, {a:1}); console.warn('w'); console.error(new Error('e')); return context.env.TOKEN;",
        ),
      ),
    );
    expect(out.resultJson).toBe('"t0"');
    expect(out.logs.map((l) => [l.level, l.message.split('\n')[0]])).toEqual([
      ['debug', 'd'],
      ['info', 'hi Ada {"a":1}'],
      ['warn', 'w'],
      ['error', 'Error: e'],
    ]);
  });

  it('turns a returned Response into {status, headers, body}', async () => {
    const out = await pool.run(job(fn('return Response.json({ made: true }, { status: 201 });')));
    expect(JSON.parse(out.resultJson as string)).toEqual({
      status: 201,
      headers: { 'content-type': 'application/json' },
      body: { made: true },
    });
  });

  it('reports a thrown error as FUNCTION_ERROR', async () => {
    const out = await pool.run(job(fn("throw new Error('boom');")));
    expect(out).toMatchObject({ status: 'error', errorCode: 'FUNCTION_ERROR', error: 'Error: boom' });
  });

  it('fetches an allowed host (private network allowed by configuration)', async () => {
    const out = await pool.run(
      job(fn(`const r = await fetch('http://127.0.0.1:${port}/x'); return await r.json();`), {
        fetch: { allowedHosts: ['127.0.0.1'], allowPrivateNetwork: true },
      }),
    );
    expect(out.resultJson).toBe('{"pong":true}');
  });

  it('decodes a compressed answer, as fetch does', async () => {
    const out = await pool.run(
      job(fn(`const r = await fetch('http://127.0.0.1:${port}/zipped'); return await r.json();`), {
        fetch: { allowedHosts: ['127.0.0.1'], allowPrivateNetwork: true },
      }),
    );
    expect(out.resultJson).toBe('{"zipped":true}');
  });

  it('refuses an answer over 5 MiB, plain or once decoded', async () => {
    const code = fn(`
      const out = [];
      for (const path of ['/big', '/zip-bomb']) { try { await fetch('http://127.0.0.1:${port}' + path); out.push('read ' + path); } catch (e) { out.push(e.message); } }
      return out;`);
    const out = await pool.run(
      job(code, { ...roomy, fetch: { allowedHosts: ['127.0.0.1'], allowPrivateNetwork: true } }),
    );
    expect(JSON.parse(out.resultJson as string)).toEqual([
      'fetch: the response is larger than 5242880 bytes',
      'fetch: the response is larger than 5242880 bytes',
    ]);
  });
});

describe('sandbox: escape attempts', () => {
  const attempts: [string, string][] = [
    ['require of a Node built-in', "return typeof require === 'undefined' ? 'none' : require('fs');"],
    ['process.env', "return typeof process === 'undefined' ? 'none' : process.env;"],
    [
      'globalThis properties of a host',
      'return ["process","require","Buffer","Deno","module","global"].filter((k) => k in globalThis).join(",") || "none";',
    ],
    [
      'the constructor chain',
      "const F = (async () => {}).constructor.constructor; const g = F('return this')(); return typeof g.process === 'undefined' ? 'none' : 'escaped';",
    ],
    [
      'Function from a prototype',
      "const g = ({}).constructor.constructor('return globalThis')(); return typeof g.require === 'undefined' ? 'none' : 'escaped';",
    ],
  ];
  for (const [name, body] of attempts)
    it(`finds no host through ${name}`, async () => {
      const out = await pool.run(job(fn(body)));
      expect(out.resultJson).toBe('"none"');
    });

  it('refuses a static import of a Node built-in', async () => {
    const out = await pool.run(
      job("import fs from 'node:fs'; export default () => fs.readFileSync('/etc/passwd', 'utf8');"),
    );
    expect(out).toMatchObject({ status: 'error', errorCode: 'FUNCTION_ERROR' });
  });

  it('refuses a dynamic import', async () => {
    const out = await pool.run(
      job(fn("const fs = await import('fs'); return fs.readFileSync('/etc/passwd', 'utf8');")),
    );
    expect(out).toMatchObject({ status: 'error', errorCode: 'FUNCTION_ERROR' });
  });

  it('cannot pollute the prototypes of the host', async () => {
    const out = await pool.run(
      job(
        fn(
          'Object.prototype.polluted = \'yes\'; Array.prototype.map = null; return JSON.parse(\'{"__proto__": {"polluted2": 1}}\');',
        ),
      ),
    );
    expect(out.status).toBe('success');
    const parsed = JSON.parse(out.resultJson as string);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted2).toBeUndefined();
    expect(parsed.polluted2).toBeUndefined();
    expect([1].map((x) => x)).toEqual([1]);
  });

  it('refuses fetch to a host not allowed, to localhost and to the metadata address', async () => {
    const code = fn(`
      const tries = ['https://example.org/', 'http://127.0.0.1:${port}/', 'http://localhost:${port}/', 'http://169.254.169.254/latest/meta-data/', 'file:///etc/passwd'];
      const out = [];
      for (const url of tries) { try { await fetch(url); out.push('reached ' + url); } catch (e) { out.push(e.message); } }
      return out;`);
    const out = await pool.run(
      job(code, {
        limits: { ...limits, maxFetches: 10 },
        fetch: { allowedHosts: ['localhost', '169.254.169.254'], allowPrivateNetwork: false },
      }),
    );
    const messages = JSON.parse(out.resultJson as string) as string[];
    expect(messages[0]).toMatch(/not in this function's allowed_hosts/);
    expect(messages[1]).toMatch(/not in this function's allowed_hosts/);
    expect(messages[2]).toMatch(/private, loopback or link-local/);
    expect(messages[3]).toMatch(/private, loopback or link-local/);
    expect(messages[4]).toMatch(/protocol file: is not allowed/);
  });

  it('never runs a timer after the run ended', async () => {
    const out = await pool.run(job(fn("setTimeout(() => console.log('late'), 50); return 'early';")));
    expect(out.resultJson).toBe('"early"');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(out.logs).toEqual([]);
  });
});

describe('sandbox: limits', () => {
  it('stops an infinite loop (CPU_LIMIT) and stays healthy', async () => {
    const out = await pool.run(job(fn('for (;;) {}'), tight));
    expect(out).toMatchObject({ status: 'timeout', errorCode: 'CPU_LIMIT' });
    await healthy();
  });

  it('stops a run past its wall clock while it waits (TIMEOUT)', async () => {
    const out = await pool.run(job(fn('await new Promise((r) => setTimeout(r, 10000)); return 1;'), tight));
    expect(out).toMatchObject({ status: 'timeout', errorCode: 'TIMEOUT' });
  });

  it('stops a memory bomb (MEMORY_LIMIT) and stays healthy', async () => {
    const out = await pool.run(job(fn("const a = []; for (;;) a.push('x'.repeat(1024) + a.length);"), roomy));
    expect(out).toMatchObject({ status: 'error', errorCode: 'MEMORY_LIMIT' });
    await healthy();
  });

  it('stops a fork bomb of promises', async () => {
    const out = await pool.run(
      job(
        fn(
          'const f = () => { Promise.resolve().then(f); Promise.resolve().then(f); }; f(); return new Promise(() => {});',
        ),
        tight,
      ),
    );
    expect(['MEMORY_LIMIT', 'CPU_LIMIT', 'TIMEOUT']).toContain(out.errorCode);
    await healthy();
  });

  it('refuses a huge result (OUTPUT_TOO_LARGE)', async () => {
    const out = await pool.run(job(fn("return 'x'.repeat(200 * 1024);")));
    expect(out).toMatchObject({ status: 'error', errorCode: 'OUTPUT_TOO_LARGE' });
  });

  it('keeps unbounded log output bounded', async () => {
    const out = await pool.run(job(fn("for (let i = 0; i < 2000; i++) console.log('line ' + i); return 1;")));
    expect(out.status).toBe('success');
    expect(out.logs.length).toBeLessThanOrEqual(limits.maxLogLines + 1);
    expect(out.logs.at(-1)?.message).toMatch(/truncated/);
  });

  it('stops exponential recursion without loops', async () => {
    const out = await pool.run(job(fn('const f = () => { try { f(); } catch { f(); } }; f(); return 1;'), tight));
    expect(out.status).not.toBe('success');
    await healthy();
  });

  it('refuses a flood of timers', async () => {
    const out = await pool.run(job(fn('for (let i = 0; i < 5000; i++) setTimeout(() => {}, 10); return 1;'), roomy));
    expect(out).toMatchObject({ status: 'error', errorCode: 'FUNCTION_ERROR' });
    expect(out.error).toMatch(/more than 1000 timers/);
  });

  it('stops deep recursion', async () => {
    const out = await pool.run(job(fn('const f = (n) => f(n + 1) + 1; return f(0);')));
    expect(out.status).toBe('error');
    await healthy();
  });
});
