/** The documented content type to answer: the first one `accept` names exactly, else the first documented. */
export function pickMediaType(content: Record<string, unknown> | undefined, accept?: string): string | undefined {
  const documented = Object.keys(content ?? {});
  const wanted = (accept ?? '')
    .split(',')
    .map((part) => bare(part))
    .filter(Boolean);
  return documented.find((type) => wanted.includes(bare(type))) ?? documented[0];
}

function bare(mediaType: string): string {
  return mediaType.split(';')[0].trim().toLowerCase();
}
