import { resolveRef } from './resolve-ref';

/** The value of a media type's first named example (`examples`), else of its `example`; none → `undefined`. */
export function firstExample(doc: object, mediaType: Record<string, any> | undefined): { value: unknown } | undefined {
  const named = Object.values(mediaType?.examples ?? {}).map((example) => resolveRef(doc, example));
  const first = named.find((example) => example && 'value' in example);
  if (first) return { value: structuredClone(first.value) };
  if (mediaType && 'example' in mediaType) return { value: structuredClone(mediaType.example) };
  return undefined;
}
