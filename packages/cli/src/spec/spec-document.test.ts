import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUrl, loadSpec, parseSpecText } from '../spec/spec-document';
import { UsageError } from '../usage-error';

describe('parseSpecText', () => {
  it('reads JSON and YAML', () => {
    expect(parseSpecText('{"openapi":"3.0.3"}', 'a')).toEqual({ openapi: '3.0.3' });
    expect(parseSpecText('openapi: 3.1.0\npaths: {}\n', 'a')).toEqual({ openapi: '3.1.0', paths: {} });
  });
  it('turns parse errors and non-objects into usage errors', () => {
    expect(() => parseSpecText('{ nope', 'x.json')).toThrow(UsageError);
    expect(() => parseSpecText('- a\n- b\n', 'x.yaml')).toThrow(/not an OpenAPI document/);
  });
});

describe('loadSpec', () => {
  it('loads a file, and refuses Swagger 2.0', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lockstep-spec-'));
    await writeFile(join(dir, 'a.yaml'), 'openapi: 3.0.3\npaths: {}\n');
    await writeFile(join(dir, 'b.json'), '{"swagger":"2.0"}');
    expect((await loadSpec(join(dir, 'a.yaml'))).openapi).toBe('3.0.3');
    await expect(loadSpec(join(dir, 'b.json'))).rejects.toThrow(/not an OpenAPI 3.x document \(swagger 2.0\)/);
    await expect(loadSpec(join(dir, 'missing.json'))).rejects.toThrow(/cannot read .*ENOENT/);
  });

  it('fetches a URL, and reports HTTP errors', async () => {
    const server = createServer((req, res) => {
      res.writeHead(req.url === '/openapi.json' ? 200 : 404);
      res.end(req.url === '/openapi.json' ? '{"openapi":"3.1.0"}' : 'no');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect(await loadSpec(`${base}/openapi.json`)).toEqual({ openapi: '3.1.0' });
      await expect(loadSpec(`${base}/other.json`)).rejects.toThrow(/HTTP 404/);
    } finally {
      server.close();
    }
  });

  it('tells URLs from files', () => {
    expect([isUrl('https://x/y'), isUrl('http://x'), isUrl('./openapi.json'), isUrl('C:\\spec.json')]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});
