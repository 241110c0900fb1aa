/** Whether a media type carries JSON (`application/json`, `application/problem+json`, …). */
export function isJsonType(mediaType: string): boolean {
  const type = mediaType.split(';')[0].trim().toLowerCase();
  return type === 'application/json' || /^application\/[\w.-]+\+json$/.test(type);
}
