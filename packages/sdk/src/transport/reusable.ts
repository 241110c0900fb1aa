/**
 * Sending a request again (a retry, the replay after a refresh) without copying it up front:
 * copying a request with a body tees its stream, which costs about as much as the call itself.
 * A request without a body is sent again as it is; one built from a string by `newRequest`
 * keeps that string and is rebuilt from it when (and only if) it is needed; any other is copied
 * before it is sent.
 */

/** A request built from a string body, which it keeps (a field, not a registry: no lookup per call). */
class StringBodyRequest extends Request {
  constructor(
    input: RequestInfo | URL,
    init: RequestInit,
    readonly sentBody: string,
  ) {
    super(input, init);
  }
}

/** `new Request(input, init)`, rebuildable rather than copied when its body is a string. */
export function newRequest(input: RequestInfo | URL, init: RequestInit): Request {
  const { body } = init;
  return typeof body === 'string' ? new StringBodyRequest(input, init, body) : new Request(input, init);
}

/** A way to get `request` again, unread, after it has been sent (call before sending it). */
export function reusable(request: Request): () => Request {
  if (request.body === null) return () => request;
  if (request instanceof StringBodyRequest) {
    // The new request takes the method, URL, signal and headers (credentials included) the original has then.
    return () => newRequest(request, { body: request.sentBody });
  }
  const copy = request.clone();
  return () => copy;
}
