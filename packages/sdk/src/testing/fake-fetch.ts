import type { FetchLike } from '../transport/fetch-like';

/** A request as the fake saw it, body read. */
export interface SeenRequest {
  method: string;
  url: string;
  /** Path and query, without the origin. */
  path: string;
  headers: Headers;
  body: string;
}

/** What the fake answers a request with: a response, or an error to throw (a transport failure). */
export type Answer = Response | Error | Promise<Response | Error>;

/** A fake `fetch` that records every request and answers with `answer`; no server needed. */
export interface FakeFetch extends FetchLike {
  requests: SeenRequest[];
}

/** A fake `fetch`; `answer` sees each request and its index (0-based). */
export function fakeFetch(answer: (request: SeenRequest, index: number) => Answer): FakeFetch {
  const requests: SeenRequest[] = [];
  const fake = async (request: Request) => {
    const url = new URL(request.url);
    const seen: SeenRequest = {
      method: request.method,
      url: request.url,
      path: url.pathname + url.search,
      headers: new Headers(request.headers),
      body: await request.text(),
    };
    requests.push(seen);
    const result = await answer(seen, requests.length - 1);
    if (result instanceof Error) throw result;
    return result;
  };
  return Object.assign(fake, { requests });
}

/** A fake answering the scripted answers in order (the last one repeats). */
export function scriptedFetch(...answers: (Answer | (() => Answer))[]): FakeFetch {
  return fakeFetch((_, index) => {
    const next = answers[Math.min(index, answers.length - 1)];
    return typeof next === 'function' ? next() : next;
  });
}

/** A JSON response. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** An error response with the API's error body. */
export function apiError(status: number, code: string, message = code, extra: Record<string, unknown> = {}): Response {
  return json(status, { message, code, status, ...extra });
}

/** A transport failure, as fetch throws it. */
export function networkFailure(): TypeError {
  return new TypeError('fetch failed');
}

/** A promise and the function that resolves it: to hold an answer until a test lets it go. */
export function gate<T = void>(): { promise: Promise<T>; open: (value: T) => void } {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}
