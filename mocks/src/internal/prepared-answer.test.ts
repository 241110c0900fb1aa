import { describe, expect, it } from 'vitest';
import type { RequestFacts } from './answer-request';
import { prepareAnswer, preparedAnswer } from './prepared-answer';
import type { SpecOperation } from './spec-operations';

const ok = { content: { 'application/json': { examples: { a: { value: { ok: true } } } }, 'text/csv': {} } };
const op = (responses: Record<string, unknown>) =>
  ({
    operationId: 'thing',
    method: 'get',
    path: '/thing',
    access: 'user',
    operation: { responses },
  }) as never as SpecOperation;
const facts = (more: Partial<RequestFacts> = {}): RequestFacts => ({ credential: true, upgrade: false, ...more });
const text = (bytes: Uint8Array | null) => new TextDecoder().decode(bytes ?? new Uint8Array());

describe('prepareAnswer', () => {
  it('encodes the body and lists the wire headers with its Content-Length', () => {
    const prepared = prepareAnswer({ status: 200, headers: { 'Content-Type': 'application/json' }, body: { a: 'é' } });
    expect(text(prepared.bytes)).toBe('{"a":"é"}');
    expect(prepared.wireHeaders).toEqual(['Content-Type', 'application/json', 'Content-Length', '10']);
  });
  it('keeps a documented Content-Length and adds none to a 204', () => {
    expect(prepareAnswer({ status: 200, headers: { 'content-length': '0' }, body: null }).wireHeaders).toEqual([
      'content-length',
      '0',
    ]);
    expect(prepareAnswer({ status: 204, headers: {}, body: null }).wireHeaders).toEqual([]);
  });
});

describe('preparedAnswer', () => {
  it('computes an answer once per operation and facts', () => {
    const thing = op({ '200': ok });
    const first = preparedAnswer({}, thing, facts());
    expect(preparedAnswer({}, thing, facts())).toBe(first);
    expect(text(first.bytes)).toBe('{"ok":true}');
  });
  it('tells facts apart: credential, upgrade, scenario (absent, empty or a status) and Accept', () => {
    const thing = op({ '200': ok, '101': {}, '501': {} });
    const answers = [
      facts(),
      facts({ credential: false }),
      facts({ upgrade: true }),
      facts({ scenario: '' }),
      facts({ scenario: '501' }),
      facts({ accept: 'text/csv' }),
    ].map((each) => preparedAnswer({}, thing, each));
    expect(new Set(answers).size).toBe(answers.length);
    expect(answers.map((answer) => answer.status)).toEqual([200, 401, 501, 400, 501, 200]);
    expect(answers[5].headers['Content-Type']).toBe('text/csv');
  });
  it('keeps a bounded number per operation, and still answers past it', () => {
    const thing = op({ '200': ok });
    const asked = Array.from({ length: 100 }, (_, i) => facts({ accept: `x/${i}` }));
    for (const each of asked) preparedAnswer({}, thing, each);
    expect(preparedAnswer({}, thing, asked[99])).not.toBe(preparedAnswer({}, thing, asked[99]));
    expect(preparedAnswer({}, thing, asked[0])).toBe(preparedAnswer({}, thing, asked[0]));
    expect(preparedAnswer({}, thing, asked[99]).status).toBe(200);
  });
});
