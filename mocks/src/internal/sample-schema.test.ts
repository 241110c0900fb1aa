import { describe, expect, it } from 'vitest';
import { sampleSchema } from './sample-schema';

const doc = {
  components: {
    schemas: {
      User: {
        type: 'object',
        required: ['id', 'email'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          email: { type: 'string', format: 'email' },
          password: { type: 'string', writeOnly: true },
        },
      },
    },
  },
};

describe('sampleSchema', () => {
  it('resolves $refs against the document and leaves writeOnly fields out', () => {
    const user = sampleSchema(doc, { $ref: '#/components/schemas/User' }) as Record<string, string>;
    expect(user.email).toBe('user@example.com');
    expect(user.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(user).not.toHaveProperty('password');
  });
  it('is deterministic', () => {
    const schema = { $ref: '#/components/schemas/User' };
    expect(sampleSchema(doc, schema)).toEqual(sampleSchema(doc, schema));
  });
  it('follows simple patterns', () => {
    expect(sampleSchema(doc, { type: 'string', pattern: '^[a-z_][a-z0-9_]*$' })).toMatch(/^[a-z_][a-z0-9_]*$/);
  });
});
