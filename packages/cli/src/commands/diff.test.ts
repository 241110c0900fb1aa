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
      'range-narrowed PUT /pet › request.body.name',
      'request-field-required POST /pet › request.body.ownerId',
      'range-narrowed POST /pet › request.body.name',
      'parameter-required GET /pet/findByStatus › query.status',
      'enum-narrowed GET /pet/findByStatus › query.status',
      'path-removed /pet/findByTags',
      'status-removed DELETE /pet/{petId} › response.200',
      'security-changed DELETE /pet/{petId} › security',
      'response-field-retyped POST /pet/{petId}/uploadImage › response.200.body.code',
      'response-field-removed POST /store/order › response.200.body.complete',
      'enum-value-added POST /store/order › response.200.body.status',
      'security-changed POST /store/order › security',
      'response-field-removed GET /store/order/{orderId} › response.200.body.complete',
      'enum-value-added GET /store/order/{orderId} › response.200.body.status',
      'operation-removed DELETE /store/order/{orderId}',
    ]);
    expect(report.breaking).toBe(16);
    expect(report.nonBreaking).toBe(report.changes.length - 16);
    const nonBreaking = new Set(report.changes.filter((c: any) => !c.breaking).map((c: any) => c.kind));
    expect([...nonBreaking].sort()).toEqual([
      'description-changed',
      'enum-widened',
      'format-changed',
      'operation-added',
      'parameter-added',
      'range-narrowed',
      'request-field-added',
      'request-field-removed',
      'response-field-added',
      'status-added',
      'status-removed',
    ]);
  });

  it('prints a Markdown table by default', async () => {
    const { code, stdout } = await capture(run, [v1, v2]);
    expect(code).toBe(1);
    expect(stdout).toContain('| kind | location | breaking | detail |');
    expect(stdout).toContain(
      '| security-changed | `DELETE /pet/{petId} › security` | **yes** | scopes added (admin:pets)',
    );
    expect(stdout).toContain('| operation-added | `GET /store/order` | no | listOrders added |');
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
