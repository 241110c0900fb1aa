import { createAjv, deref, locate, openapiDocument, pointer } from '@lockstep/contract';
import { describe, expect, it } from 'vitest';

type Doc = Record<string, any>;
type Example = { where: string; schemaAt: string[]; value: unknown };

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

function mediaExamples(media: Doc, at: string[], where: string): Example[] {
  if (!media?.schema) return [];
  const named = Object.entries((media.examples ?? {}) as Doc).map(([name, ex]) => {
    const value = deref(openapiDocument, ex).node.value;
    return { where: `${where} example "${name}"`, schemaAt: [...at, 'schema'], value };
  });
  return media.example === undefined
    ? named
    : [...named, { where: `${where} example`, schemaAt: [...at, 'schema'], value: media.example }];
}

function contentExamples(content: Doc | undefined, at: string[], where: string): Example[] {
  return Object.entries(content ?? {}).flatMap(([type, media]) =>
    type.includes('json') ? mediaExamples(media as Doc, [...at, 'content', type], `${where} ${type}`) : [],
  );
}

/** Every example the document gives for a request body or a response, with the schema it must match. */
function allExamples(): Example[] {
  const out: Example[] = [];
  for (const [path, item] of Object.entries(openapiDocument.paths)) {
    for (const method of METHODS.filter((m) => item[m])) {
      const op = item[method];
      const at = ['paths', path, method];
      if (op.requestBody)
        out.push(...contentExamples(op.requestBody.content, [...at, 'requestBody'], `${op.operationId} request`));
      for (const [status, response] of Object.entries(op.responses as Doc)) {
        const resolved = locate(openapiDocument, response, [...at, 'responses', status]);
        out.push(...contentExamples(resolved.node.content, resolved.at, `${op.operationId} ${status}`));
      }
    }
  }
  return out;
}

describe('spec examples', () => {
  const ajv = createAjv(openapiDocument, false);
  const examples = allExamples();

  it('finds examples for every operation', () => {
    expect(examples.length).toBeGreaterThan(Object.keys(openapiDocument.paths).length);
  });

  it.each(examples.map((e) => [e.where, e] as const))('%s matches its schema', (_where, example) => {
    const validate = ajv.compile({ $ref: pointer(...example.schemaAt) });
    const ok = validate(example.value);
    expect(ok ? [] : validate.errors).toEqual([]);
  });
});
