/** A download as an HTTP response: the stored type, entity tag, length, range and disposition. */
import type { Readable } from 'node:stream';
import type { Download } from './downloads/service';

/** `attachment` for downloads, `inline` for public and signed URLs. */
export type Disposition = 'attachment' | 'inline';

/** `Content-Disposition` with an ASCII fallback name and the exact UTF-8 name (RFC 6266). */
export function contentDisposition(disposition: Disposition, name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const exact = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${exact}`;
}

/** A pull-based web stream over a Node stream: one chunk is read per read, so memory stays flat. */
export function toWebStream(stream: Readable): ReadableStream<Uint8Array> {
  const chunks = stream[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await chunks.next();
          if (done) controller.close();
          else controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
        } catch (error) {
          controller.error(error);
        }
      },
      cancel() {
        stream.destroy();
      },
    },
    { highWaterMark: 0 },
  );
}

/** The response for a download. */
export function downloadResponse(download: Download, disposition: Disposition): Response {
  const { file } = download;
  if (download.status === 304) return new Response(null, { status: 304, headers: { ETag: file.etag } });
  const headers: Record<string, string> = {
    'Content-Type': file.contentType,
    ETag: file.etag,
    'Accept-Ranges': 'bytes',
    'Content-Disposition': contentDisposition(disposition, file.name),
    'Last-Modified': new Date(file.updatedAt).toUTCString(),
    // Stored files are untrusted: never sniffed, never run as a page of this origin.
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
  };
  if (download.status === 206) {
    const { start, end } = download.range;
    headers['Content-Range'] = `bytes ${start}-${end}/${file.size}`;
    headers['Content-Length'] = String(end - start + 1);
  } else {
    headers['Content-Length'] = String(file.size);
  }
  return new Response(toWebStream(download.body), { status: download.status, headers });
}
