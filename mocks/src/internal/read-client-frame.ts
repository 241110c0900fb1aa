/**
 * Reads one text frame a client sent to the realtime mock: JSON, an object, a known `type`,
 * valid against that frame's AsyncAPI payload schema. A frame that fails gets the documented
 * error frame (INVALID_JSON or VALIDATION_FAILED), thrown as a `FrameRefusal`.
 */
import { type FrameErrorCode, fieldErrors } from '@lockstep/contract';
import type { ValidateFunction } from 'ajv/dist/2020';

/** A client frame the mock refuses: the code and text of the error frame to answer. */
export class FrameRefusal extends Error {
  constructor(
    readonly code: FrameErrorCode,
    message: string,
    readonly channel?: string,
  ) {
    super(message);
  }
}

/** A client frame that passed its schema. */
export type ClientFrame = Record<string, unknown> & { type: string };

/** Parses and checks `text` against the client frames' validators; throws `FrameRefusal`. */
export function readClientFrame(text: string, validators: ReadonlyMap<string, ValidateFunction>): ClientFrame {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new FrameRefusal('INVALID_JSON', 'Invalid message format: not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new FrameRefusal('VALIDATION_FAILED', 'A frame is a JSON object with a type');
  const frame = value as ClientFrame;
  if (typeof frame.type !== 'string') throw new FrameRefusal('VALIDATION_FAILED', 'type: required');
  const validate = validators.get(frame.type);
  if (!validate) throw new FrameRefusal('VALIDATION_FAILED', `Unknown message type: ${frame.type.slice(0, 100)}`);
  if (!validate(frame)) {
    const [first] = fieldErrors(validate.errors);
    throw new FrameRefusal(
      'VALIDATION_FAILED',
      `${first.field}: ${first.message}`,
      validChannel((value as ClientFrame).channel),
    );
  }
  return frame;
}

function validChannel(channel: unknown): string | undefined {
  return typeof channel === 'string' && /^[A-Za-z0-9_.:-]{1,255}$/.test(channel) ? channel : undefined;
}
