/**
 * A JSON response built from a string body. `Response.json()` makes a full fetch Response
 * whose body @hono/node-server must read back as a stream (two writes, a timer tick);
 * a string body takes its fast path straight to the socket. Same status, headers and bytes.
 */
export function jsonResponse(body: unknown, status = 200, headers?: Record<string, string>): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}
