import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capture, fixture } from '../test-helpers';
import { UsageError } from '../usage-error';
import { run } from './diff';

const v1 = fixture('petstore/petstore-v1.yaml');
const v2 = fixture('petstore/petstore-v2.yaml');

describe('lockstep diff on two versions of the Swagger Petstore', () => {
  it('lists every breaking change of v2 and exits 1', async () => {
    const { code, stdout } = await capture(run, [v1, v2, '--format', 'json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    const breaking = report.changes.filter((c: any) => c.breaking).map((c: any) => `${c.kind} ${c.location}`);
    expect(breaking).toEqual([
      'request-field-required PUT /pet › request.body.ownerId',
      'request-range-narrowed PUT /pet › request.body.name',
      'request-field-required POST /pet › request.body.ownerId',
      'request-range-narrowed POST /pet › request.body.name',
      'parameter-required GET /pet/findByStatus › query.status',
      'request-enum-value-removed GET /pet/findByStatus › query.status',
      'path-removed /pet/findByTags',
      'success-status-removed DELETE /pet/{petId} › response.200',
      'security-tightened DELETE /pet/{petId} › security',
      'response-type-widened POST /pet/{petId}/uploadImage › response.200.body.code',
      'security-tightened POST /store/order › security',
      'operation-removed DELETE /store/order/{orderId}',
    ]);
    const warnings = report.changes
      .filter((c: any) => c.level === 'warning')
      .map((c: any) => `${c.kind} ${c.location}`);
    expect(warnings).toEqual([
      'response-format-changed POST /pet/{petId}/uploadImage › response.200.body.code',
      'response-optional-field-removed POST /store/order › response.200.body.complete',
      'response-enum-value-added POST /store/order › response.200.body.status',
      'response-optional-field-removed GET /store/order/{orderId} › response.200.body.complete',
      'response-enum-value-added GET /store/order/{orderId} › response.200.body.status',
    ]);
    expect(report).toMatchObject({ breaking: 12, warnings: 5, info: report.changes.length - 17, silenced: 0 });
    const info = new Set(report.changes.filter((c: any) => c.level === 'info').map((c: any) => c.kind));
    expect([...info].sort()).toEqual([
      'description-changed',
      'operation-added',
      'parameter-added',
      'request-enum-value-added',
      'request-field-added',
      'request-field-removed',
      'response-field-added',
      'response-range-narrowed',
      'status-added',
      'status-removed',
    ]);
  });

  it('prints a Markdown table by default', async () => {
    const { code, stdout } = await capture(run, [v1, v2]);
    expect(code).toBe(1);
    expect(stdout).toContain('| rule | level | location | detail |');
    expect(stdout).toContain(
      '| security-tightened | **breaking** | `DELETE /pet/{petId} › security` | scopes added (admin:pets)',
    );
    expect(stdout).toContain('| operation-added | info | `GET /store/order` | listOrders added |');
  });

  it('exits 0 when nothing breaks', async () => {
    expect((await capture(run, [v1, v1])).code).toBe(0);
    const dir = await mkdtemp(join(tmpdir(), 'lockstep-diff-'));
    const more = join(dir, 'more.json');
    const { parse } = await import('yaml');
    const { readFile } = await import('node:fs/promises');
    const doc = parse(await readFile(v1, 'utf8'));
    doc.paths['/store/order'].get = {
      operationId: 'listOrders',
      tags: ['store'],
      responses: { '200': { description: 'ok' } },
    };
    doc.components.schemas.Order.properties.note = { type: 'string', description: 'Free text' };
    await writeFile(more, JSON.stringify(doc));
    const { code, stdout } = await capture(run, [v1, more]);
    expect(code).toBe(0);
    expect(stdout).toContain('none breaking');
  });

  it('calls the reverse direction breaking too (v2 → v1 removes listOrders)', async () => {
    const { code, stdout } = await capture(run, [v2, v1, '--format', 'json']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout).changes).toContainEqual(
      expect.objectContaining({ kind: 'operation-removed', location: 'GET /store/order', breaking: true }),
    );
  });

  it('silences rules by id, from --ignore and from a config file, and counts what it hid', async () => {
    const ignored = ['security-tightened,success-status-removed', '--ignore', 'response-type-widened'];
    const { stdout } = await capture(run, [v1, v2, '--json', '--ignore', ...ignored]);
    const report = JSON.parse(stdout);
    expect(report.breaking).toBe(8);
    expect(report.silenced).toBe(4);
    const dir = await mkdtemp(join(tmpdir(), 'lockstep-diff-'));
    const config = join(dir, 'lockstep.config.json');
    await writeFile(config, JSON.stringify({ diff: { ignore: ['request-field-required', 'request-range-narrowed'] } }));
    const fromFile = JSON.parse((await capture(run, [v1, v2, '--json', '--config', config])).stdout);
    expect(fromFile).toMatchObject({ breaking: 8, silenced: 4 });
    await expect(run([v1, v2, '--ignore', 'no-such-rule'])).rejects.toThrow(/unknown diff rule no-such-rule/);
    await writeFile(config, JSON.stringify({ diff: { ignore: 'path-removed' } }));
    await expect(run([v1, v2, '--config', config])).rejects.toThrow(/must be a list/);
  });

  it('exits 1 on warnings only with --fail-on warning', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lockstep-diff-'));
    const doc = (values: string[]) => ({
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: {
        '/s': {
          get: {
            responses: {
              '200': { description: 'ok', content: { 'application/json': { schema: { enum: values } } } },
            },
          },
        },
      },
    });
    const [a, b] = [join(dir, 'a.json'), join(dir, 'b.json')];
    await writeFile(a, JSON.stringify(doc(['x'])));
    await writeFile(b, JSON.stringify(doc(['x', 'y'])));
    expect((await capture(run, [a, b])).code).toBe(0);
    expect((await capture(run, [a, b, '--fail-on', 'warning'])).code).toBe(1);
    await expect(run([a, b, '--fail-on', 'info'])).rejects.toThrow(/--fail-on/);
  });

  it('refuses wrong arguments and documents that are not OpenAPI 3', async () => {
    await expect(run([v1])).rejects.toThrow(UsageError);
    await expect(run([v1, v2, '--format', 'xml'])).rejects.toThrow(/--format/);
    await expect(run([v1, '/no/such/spec.yaml'])).rejects.toThrow(/cannot read/);
    const dir = await mkdtemp(join(tmpdir(), 'lockstep-diff-'));
    const swagger = join(dir, 'swagger.json');
    await writeFile(swagger, JSON.stringify({ swagger: '2.0', paths: {} }));
    await expect(run([swagger, v1])).rejects.toThrow(/not an OpenAPI 3.x document \(swagger 2.0\)/);
  });
});
