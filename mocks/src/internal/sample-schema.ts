import { sample } from 'openapi-sampler';

/** A deterministic sample of `schema` (a response's view: no writeOnly fields), `$ref`s resolved in `doc`. */
export function sampleSchema(doc: object, schema: object): unknown {
  return sample(schema as never, { skipWriteOnly: true, quiet: true, enablePatterns: true }, doc);
}
