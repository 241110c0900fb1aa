/**
 * The realtime WebSocket's AsyncAPI document parses and validates with the AsyncAPI
 * parser, every message example matches its payload, and the OpenAPI operation points at it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from '@asyncapi/parser';
import { openapiDocument } from '@lockstep/contract';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { expect, it } from 'vitest';

const file = join(import.meta.dirname, '../../spec/asyncapi.yaml');

it('is a valid AsyncAPI document with no errors', async () => {
  const { document, diagnostics } = await new Parser().parse(readFileSync(file, 'utf8'));
  const errors = diagnostics.filter((d) => d.severity === 0).map((d) => `${d.path.join('.')}: ${d.message}`);
  expect(errors).toEqual([]);
  expect(document?.version()).toMatch(/^3\./);
  expect(document?.allMessages().length).toBeGreaterThan(10);
});

it('gives examples that match their message payloads', async () => {
  const { document } = await new Parser().parse(readFileSync(file, 'utf8'));
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const problems: string[] = [];
  let checked = 0;
  for (const message of document?.allMessages() ?? []) {
    const schema = message.payload()?.json();
    if (!schema) continue;
    const validate = ajv.compile(schema);
    for (const example of message.examples().all()) {
      checked++;
      if (!validate(example.payload())) problems.push(`${message.id()}: ${ajv.errorsText(validate.errors)}`);
    }
  }
  expect(problems).toEqual([]);
  expect(checked).toBeGreaterThan(10);
});

it('is referenced from the OpenAPI operation of the WebSocket', () => {
  const op = openapiDocument.paths['/realtime'].get;
  expect(op.operationId).toBe('connectRealtime');
  expect(op['x-asyncapi']).toBe('./asyncapi.yaml');
});
