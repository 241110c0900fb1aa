/**
 * A bad `POST /api/v1/operation` body names only the fields of the kind its `op` chooses
 * (the spec's discriminator), not every field of every kind.
 */
import { expect, it } from 'vitest';
import { setupAdmin } from './harness/fixtures';
import { contractSuite } from './harness/suite';

contractSuite(import.meta.filename, 'operation: errors of the chosen kind', (t) => {
  it('names one mistake once, in the branch op chooses', async () => {
    const admin = await setupAdmin(t);
    const cases = [
      [{ op: 'read', collection: 'posts' }, [{ field: 'body.id', message: 'is required' }]],
      [{ op: 'query', collection: 'posts', limit: 'fifty' }, [{ field: 'body.limit', message: expect.any(String) }]],
      [
        { op: 'write', collection: 'posts', document: {}, schema_id: 'default', schema_version: '1.0', extra: 1 },
        [{ field: 'body.extra', message: 'is not allowed' }],
      ],
      [{ op: 'teleport', collection: 'posts' }, [{ field: 'body.op', message: expect.stringContaining('teleport') }]],
      [{ collection: 'posts' }, [{ field: 'body.op', message: expect.any(String) }]],
    ] as const;
    for (const [body, details] of cases) {
      const res = await t.raw.post('/api/v1/operation', body, { token: admin.token });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.success).toBe(false);
      expect(res.body.details, JSON.stringify(body)).toEqual(details);
    }
  });
});
