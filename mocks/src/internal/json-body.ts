import { firstExample } from './first-example';
import { sampleSchema } from './sample-schema';
import { shapeErrorBody } from './shape-error-body';

/** The JSON body of one documented response: its first example, else a sample of its schema. */
export function jsonBody(doc: object, mediaType: Record<string, any>, status: number, description?: string): unknown {
  const example = firstExample(doc, mediaType);
  if (example) return example.value;
  const schema = mediaType.schema ?? {};
  return shapeErrorBody(doc, schema, sampleSchema(doc, schema), status, description);
}
