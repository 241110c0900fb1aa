import { openapiDocument, operations } from '@lockstep/contract';
import { handlers, isNotImplemented } from '@lockstep/server';
import { expect, it } from 'vitest';
import { setupAdmin } from './harness/fixtures';
import { contractSuite } from './harness/suite';

contractSuite(
  import.meta.filename,
  'health, probes and the edges of the spec',
  (t) => {
    it('answers health, liveness and readiness', async () => {
      const health = await t.call('getHealth');
      expect(health.status).toBe(200);
      expect(health.body.status).toBe('ok');
      expect((await t.call('getLiveness')).body).toEqual({ status: 'ok' });
      expect((await t.call('getReadiness')).status).toBe(200);
    });
  },
  { stateless: true, overHttp: true },
);

/** Whether a GET needs path or required query parameters (the 501 check sends none). */
function takesRequiredInput(path: string): boolean {
  const params = (openapiDocument.paths[path].get.parameters ?? []) as { required?: boolean; $ref?: string }[];
  return path.includes('{') || params.some((p) => p.required);
}

contractSuite(
  import.meta.filename,
  'the edges of the spec',
  (t) => {
    it('answers 404 ROUTE_NOT_FOUND outside the spec and 405 for a wrong method, with the error body', async () => {
      const missing = await t.raw.get('/admin/secret');
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ code: 'ROUTE_NOT_FOUND', status: 404 });
      expect(typeof missing.body.message).toBe('string');
      const wrong = await t.raw.delete('/health');
      expect(wrong.status).toBe(405);
      expect(wrong.headers.get('allow')).toBe('GET');
    });

    it('serves the spec at /openapi.json and allows the dashboard origin', async () => {
      const spec = await t.raw.get('/openapi.json');
      expect(spec.body.openapi).toBe('3.1.0');
      const preflight = await t.target.fetch(
        new Request(`${t.target.baseUrl}/auth/login`, {
          method: 'OPTIONS',
          headers: {
            origin: 'http://localhost:5173',
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type,authorization',
          },
        }),
      );
      expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    });

    it('answers 501 NOT_IMPLEMENTED, never a fake success, for every operation of a module not built yet', async () => {
      const admin = await setupAdmin(t);
      const unbuilt = Object.entries(operations).filter(
        ([id, op]) =>
          isNotImplemented(handlers[id as keyof typeof handlers]) &&
          op.method === 'get' &&
          !takesRequiredInput(op.path),
      );
      for (const [id, op] of unbuilt) {
        const res = await t.raw.get(op.path, { token: admin.token });
        expect(res.status, id).toBe(501);
        expect(res.body.code, id).toBe('NOT_IMPLEMENTED');
      }
    });
  },
  { overHttp: true },
);
