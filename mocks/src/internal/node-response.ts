/** How the standalone server writes an answer on a Node response: a prepared one as is, a fetch `Response` streamed. */
import type { ServerResponse } from 'node:http';
import type { PreparedAnswer } from './prepared-answer';

/** Writes a prepared answer: its headers and bytes, no copy. */
export function sendPrepared(response: ServerResponse, { status, wireHeaders, bytes }: PreparedAnswer): void {
  response.writeHead(status, wireHeaders as string[]);
  response.end(bytes ?? undefined);
}

/** Writes a fetch `Response` (an override's, say): status, headers (each `Set-Cookie` apart), then its body as it comes. */
export async function sendFetchResponse(response: ServerResponse, answer: Response): Promise<void> {
  const headers: [string, string][] = [];
  answer.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers.push([name, value]);
  });
  for (const cookie of answer.headers.getSetCookie()) headers.push(['set-cookie', cookie]);
  response.writeHead(answer.status, headers.flat());
  const reader = answer.body?.getReader();
  if (reader) for (let read = await reader.read(); !read.done; read = await reader.read()) response.write(read.value);
  response.end();
}
