/**
 * Upload progress at the bottom of the transport. An upload registers its body and callback
 * under an id carried in a private header (headers survive the auth layer's re-created
 * requests); this layer strips it and sends the body through XMLHttpRequest (browsers, with
 * the default fetch) or as a counting stream (Node, or any injected fetch).
 */
import type { FetchLike } from '../transport/fetch-like';
import type { ProgressCallback } from './progress';
import { xhrFetch } from './xhr-fetch';

export type { ProgressCallback } from './progress';

/** The header that names a registered upload. */
export const UPLOAD_HEADER = 'x-lockstep-upload';

/** A registered upload: its body and who hears of its progress. */
type Upload = { body: Blob; onProgress: ProgressCallback };

/** Uploads in flight, by id. */
export class UploadRegistry {
  private readonly uploads = new Map<string, Upload>();
  private next = 0;

  /** Registers an upload; returns its id and a function that forgets it. */
  add(body: Blob, onProgress: ProgressCallback): { id: string; done: () => void } {
    const id = String(++this.next);
    this.uploads.set(id, { body, onProgress });
    return { id, done: () => this.uploads.delete(id) };
  }

  /** The upload a request names, if any. */
  get(request: Request): Upload | undefined {
    if (this.uploads.size === 0) return undefined; // most requests: no header lookup
    const id = request.headers.get(UPLOAD_HEADER);
    return id === null ? undefined : this.uploads.get(id);
  }
}

/** A stream of `body` that reports each chunk as it is read. */
export function countingStream(body: Blob, onProgress: ProgressCallback): ReadableStream<Uint8Array> {
  const total = body.size;
  let loaded = 0;
  const reader = body.stream().getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) return controller.close();
      loaded += value.byteLength;
      controller.enqueue(value);
      onProgress({ loaded, total });
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

function withoutUploadHeader(request: Request): Headers {
  const headers = new Headers(request.headers);
  headers.delete(UPLOAD_HEADER);
  return headers;
}

function streamed(request: Request, body: Blob, onProgress: ProgressCallback): Request {
  const init = { method: request.method, headers: withoutUploadHeader(request), signal: request.signal };
  try {
    return new Request(request.url, { ...init, body: countingStream(body, onProgress), duplex: 'half' } as RequestInit);
  } catch {
    // No streamed request bodies here: send the bytes whole and report them sent at the end.
    return new Request(request.url, { ...init, body });
  }
}

/** `fetch` that reports the progress of registered uploads; `useXhr` when the default fetch runs in a browser. */
export function progressFetch(fetch: FetchLike, uploads: UploadRegistry, useXhr: boolean): FetchLike {
  const upload = async (request: Request, { body, onProgress }: Upload) => {
    if (useXhr && typeof XMLHttpRequest !== 'undefined') {
      return xhrFetch(new Request(request, { headers: withoutUploadHeader(request) }), body, onProgress);
    }
    const response = await fetch(streamed(request, body, onProgress));
    onProgress({ loaded: body.size, total: body.size });
    return response;
  };
  // Not async: a request that uploads nothing goes straight through, without a promise of its own.
  return (request) => {
    const registered = uploads.get(request);
    return registered ? upload(request, registered) : fetch(request);
  };
}
