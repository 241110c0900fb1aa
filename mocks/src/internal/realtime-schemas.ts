/**
 * The frames of the realtime WebSocket as spec/asyncapi.yaml lists them: which message (by its
 * `name`, the frame's `type`) each side sends, and a validator of each one's payload schema.
 */
import { type AsyncApiDocument, createAjv, type OpenApiDocument, pointer } from '@lockstep/contract';
import type { ValidateFunction } from 'ajv/dist/2020';

/** Who sends a frame: the client (`receive` operations of the server) or the server (`send`). */
export type FrameSide = 'client' | 'server';

/** The component message a channel message `$ref` points to (`#/channels/realtime/messages/x`). */
function componentOf(doc: AsyncApiDocument, ref: string): string {
  const [, , channel, , message] = ref.split('/');
  const target = doc.channels[channel]?.messages[message]?.$ref;
  if (!target) throw new Error(`asyncapi: ${ref} names no channel message`);
  return target.split('/').pop() as string;
}

/** For each frame type one side sends, the component message holding its payload schema. */
export function frameMessages(doc: AsyncApiDocument, side: FrameSide): Map<string, string> {
  const action = side === 'client' ? 'receive' : 'send';
  const out = new Map<string, string>();
  for (const operation of Object.values(doc.operations)) {
    if (operation.action !== action) continue;
    for (const { $ref } of operation.messages) {
      const component = componentOf(doc, $ref);
      out.set(doc.components.messages[component].name, component);
    }
  }
  return out;
}

/** Validators of one side's frames by type, compiled from the document's payload schemas. */
export function frameValidators(doc: AsyncApiDocument, side: FrameSide): Map<string, ValidateFunction> {
  const ajv = createAjv(doc as unknown as OpenApiDocument, false);
  const out = new Map<string, ValidateFunction>();
  for (const [type, component] of frameMessages(doc, side))
    out.set(type, ajv.compile({ $ref: pointer('components', 'messages', component, 'payload') }));
  return out;
}
