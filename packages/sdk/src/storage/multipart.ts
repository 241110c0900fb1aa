/**
 * A multipart/form-data body built as one Blob: its size is known before sending (upload
 * progress needs a total), and the file's bytes are referenced, not copied.
 */

/** A body and the content type that names its boundary. */
export interface Multipart {
  body: Blob;
  contentType: string;
}

function quoted(value: string): string {
  return value.replaceAll('"', '%22').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** Text fields first, then the file part, so a server can read the fields before the bytes stream in. */
export function multipart(fields: Record<string, string>, file: Blob, filename: string): Multipart {
  const boundary = `lockstep-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  const parts: BlobPart[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n${value}\r\n`);
  }
  const type = file.type || 'application/octet-stream';
  parts.push(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${quoted(filename)}"\r\nContent-Type: ${type}\r\n\r\n`,
    file,
    `\r\n--${boundary}--\r\n`,
  );
  return { body: new Blob(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
