import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, json } from '../testing/fake-fetch';
import { progressFetch, UPLOAD_HEADER, UploadRegistry } from './upload-progress';

/** A browser's XMLHttpRequest as far as xhrFetch uses it: sends, reports two progress events, answers 201. */
class FakeXhr {
  static sent: { method: string; url: string; headers: Record<string, string>; body: unknown }[] = [];
  upload: { onprogress?: (event: { loaded: number; total: number }) => void } = {};
  status = 0;
  statusText = '';
  response: unknown = null;
  responseType = '';
  onload?: () => void;
  onerror?: () => void;
  onabort?: () => void;
  private request = { method: '', url: '', headers: {} as Record<string, string> };
  open(method: string, url: string) {
    Object.assign(this.request, { method, url });
  }
  setRequestHeader(name: string, value: string) {
    this.request.headers[name] = value;
  }
  getAllResponseHeaders() {
    return 'content-type: application/json\r\nx-request-id: r1\r\n';
  }
  abort() {
    this.onabort?.();
  }
  send(body: Blob) {
    FakeXhr.sent.push({ ...this.request, body });
    setTimeout(() => {
      this.upload.onprogress?.({ loaded: body.size / 2, total: body.size });
      this.upload.onprogress?.({ loaded: body.size, total: body.size });
      Object.assign(this, { status: 201, statusText: 'Created', response: new Blob(['{"id":"f1"}']) });
      this.onload?.();
    });
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  FakeXhr.sent = [];
});

function uploadRequest(id: string): Request {
  return new Request('http://api.test/storage/buckets/a/files', {
    method: 'POST',
    headers: { [UPLOAD_HEADER]: id, authorization: 'Bearer t', 'content-type': 'multipart/form-data; boundary=b' },
    body: 'ignored: the registered body is sent',
  });
}

describe('upload progress', () => {
  it('in a browser with the default fetch, sends the registered body through XMLHttpRequest', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const uploads = new UploadRegistry();
    const seen: number[] = [];
    const body = new Blob(['0123456789']);
    const { id } = uploads.add(body, ({ loaded }) => seen.push(loaded));
    const fallback = fakeFetch(() => json(500, {}));
    const response = await progressFetch(fallback, uploads, true)(uploadRequest(id));
    expect(response.status).toBe(201);
    expect(response.headers.get('x-request-id')).toBe('r1');
    expect(await response.json()).toEqual({ id: 'f1' });
    expect(seen).toEqual([5, 10]);
    expect(fallback.requests).toHaveLength(0);
    expect(FakeXhr.sent[0]).toMatchObject({ method: 'POST', url: 'http://api.test/storage/buckets/a/files', body });
    expect(FakeXhr.sent[0].headers).toMatchObject({ authorization: 'Bearer t' });
    expect(FakeXhr.sent[0].headers).not.toHaveProperty(UPLOAD_HEADER);
  });

  it('with an injected fetch, streams the body and counts it, even where XMLHttpRequest exists', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const uploads = new UploadRegistry();
    const seen: number[] = [];
    const { id } = uploads.add(new Blob(['0123456789']), ({ loaded }) => seen.push(loaded));
    const fetch = fakeFetch(() => json(201, {}));
    await progressFetch(fetch, uploads, false)(uploadRequest(id));
    expect(fetch.requests[0].body).toBe('0123456789');
    expect(fetch.requests[0].headers.has(UPLOAD_HEADER)).toBe(false);
    expect(seen.at(-1)).toBe(10);
    expect(FakeXhr.sent).toHaveLength(0);
  });

  it('leaves requests that are not registered uploads alone', async () => {
    const fetch = fakeFetch(() => json(200, {}));
    await progressFetch(fetch, new UploadRegistry(), true)(new Request('http://api.test/health'));
    expect(fetch.requests[0].path).toBe('/health');
  });

  it('forgets an upload once done', () => {
    const uploads = new UploadRegistry();
    const { id, done } = uploads.add(new Blob([]), () => {});
    done();
    expect(uploads.get(uploadRequest(id))).toBeUndefined();
  });
});
