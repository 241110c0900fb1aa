/** Sends a request through XMLHttpRequest, the one browser API that reports upload progress. */
import type { ProgressCallback } from './progress';

function responseHeaders(raw: string): Headers {
  const headers = new Headers();
  for (const line of raw.trim().split(/[\r\n]+/)) {
    const at = line.indexOf(':');
    if (at > 0) headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  return headers;
}

/** Like `fetch(request)`, with `body` sent as the request body and its progress reported. */
export function xhrFetch(request: Request, body: Blob, onProgress: ProgressCallback): Promise<Response> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(request.method, request.url);
    xhr.responseType = 'blob';
    request.headers.forEach((value, name) => {
      xhr.setRequestHeader(name, value);
    });
    xhr.upload.onprogress = (event) => onProgress({ loaded: event.loaded, total: event.total || body.size });
    xhr.onload = () => {
      const empty = xhr.status === 204 || xhr.status === 304;
      const headers = responseHeaders(xhr.getAllResponseHeaders());
      resolve(new Response(empty ? null : xhr.response, { status: xhr.status, statusText: xhr.statusText, headers }));
    };
    xhr.onerror = () => reject(new TypeError('Network request failed'));
    xhr.onabort = () => reject(request.signal.reason ?? new DOMException('Aborted', 'AbortError'));
    request.signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}
