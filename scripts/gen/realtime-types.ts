/**
 * Renders the realtime frame types (realtime.gen.ts) from spec/asyncapi.yaml: one type per
 * message payload, the client and server frame unions, and the `error` frame's codes, so the
 * server, the SDK and the mocks share one copy.
 */
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';

type Doc = Record<string, any>;

/** `presenceStateRequest` → `PresenceStateRequestFrame`. */
export function frameTypeName(message: string): string {
  return `${message[0].toUpperCase()}${message.slice(1)}Frame`;
}

/** The component message a channel message `$ref` (`#/channels/<c>/messages/<m>`) points to. */
function componentOf(doc: Doc, ref: string): string {
  const [, , channel, , message] = ref.split('/');
  const target: string | undefined = doc.channels?.[channel]?.messages?.[message]?.$ref;
  if (!target) throw new Error(`asyncapi: ${ref} names no channel message`);
  return target.split('/').pop() as string;
}

/** The component messages one side sends, in document order: `receive` (client) or `send` (server). */
export function messagesOf(doc: Doc, action: 'receive' | 'send'): string[] {
  const out = new Set<string>();
  for (const operation of Object.values<Doc>(doc.operations ?? {})) {
    if (operation.action !== action) continue;
    for (const { $ref } of operation.messages as { $ref: string }[]) out.add(componentOf(doc, $ref));
  }
  return [...out];
}

/** The codes the `error` message's `payload.code` enumerates. */
export function errorCodes(doc: Doc): string[] {
  const codes = doc.components?.messages?.error?.payload?.properties?.payload?.properties?.code?.enum;
  if (!Array.isArray(codes) || codes.length === 0) throw new Error('asyncapi: the error message lists no codes');
  return codes;
}

/**
 * The AsyncAPI schemas and message payloads as an OpenAPI document, so openapi-typescript (the
 * generator of the HTTP types) renders them: `#/components/schemas/*` refs keep their meaning.
 */
function asOpenApi(doc: Doc): OpenAPI3 & { components: { schemas: Doc } } {
  const schemas: Doc = { ...doc.components.schemas };
  for (const [name, message] of Object.entries<Doc>(doc.components.messages))
    schemas[frameTypeName(name)] = message.payload;
  return { openapi: '3.1.0', info: { title: 'realtime', version: '0' }, paths: {}, components: { schemas } };
}

function union(names: string[]): string {
  return names.map((name) => `\n  | ${frameTypeName(name)}`).join('');
}

/** The text of realtime.gen.ts for the AsyncAPI document `doc`, under `header`. */
export async function renderRealtimeTypes(doc: Doc, header: string): Promise<string> {
  const openapi = asOpenApi(doc);
  const ast = await openapiTS(openapi, { alphabetize: false, exportType: false, defaultNonNullable: false });
  // Only the aliases below are exported: the OpenAPI roots openapi-typescript adds mean nothing here.
  const body = astToString(ast)
    .replace('export interface components', 'interface components')
    .replace(/^export type (paths|webhooks|\$defs|operations) = Record<string, never>;\n/gm, '');
  const schemas = Object.keys(openapi.components.schemas);
  const aliases = schemas.map(
    (name) => `/** The \`${name}\` schema of spec/asyncapi.yaml. */\nexport type ${name} = schemas['${name}'];`,
  );
  const codes = errorCodes(doc);
  return [
    header,
    '',
    body,
    "type schemas = components['schemas'];",
    '',
    aliases.join('\n'),
    '',
    `/** A frame a client sends (the document's \`receive\` operations). */\nexport type ClientFrame =${union(messagesOf(doc, 'receive'))};`,
    '',
    `/** A frame the server sends (the document's \`send\` operations). */\nexport type ServerFrame =${union(messagesOf(doc, 'send'))};`,
    '',
    '/** The codes an `error` frame may carry. */',
    `export const frameErrorCodes = [${codes.map((code) => `'${code}'`).join(', ')}] as const;`,
    '',
    '/** A code an `error` frame may carry. */',
    'export type FrameErrorCode = (typeof frameErrorCodes)[number];',
    '',
  ].join('\n');
}
