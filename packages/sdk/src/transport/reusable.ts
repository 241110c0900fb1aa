/**
 * Sending a request again (a retry, the replay after a refresh) without copying it up front:
 * copying a request with a body tees its stream, which costs about as much as the call itself.
 * A request without a body is sent again as it is; one whose body was a string, registered by
 * the code that built it, is rebuilt from that string when (and only if) it is needed; any other
 * is copied before it is sent.
 */

const stringBodies = new WeakMap<Request, string>();

/** Marks `request` as built from `body`, so that it can be rebuilt rather than copied. */
export function withStringBody(request: Request, body: unknown): Request {
  if (typeof body === 'string') stringBodies.set(request, body);
  return request;
}

/** A way to get `request` again, unread, after it has been sent (call before sending it). */
export function reusable(request: Request): () => Request {
  if (request.body === null) return () => request;
  const body = stringBodies.get(request);
  if (body !== undefined) {
    // The new request takes the method, URL, signal and headers (credentials included) the original has then.
    return () => withStringBody(new Request(request, { body }), body);
  }
  const copy = request.clone();
  return () => copy;
}
