/** The one seam: anything that answers a `Request` with a `Response` (global fetch, an in-process server, a mock). */
export type FetchLike = (request: Request) => Promise<Response>;
