/**
 * The handler map's guarantees are compile-time: `npm run typecheck` fails if any
 * `@ts-expect-error` below stops being an error, i.e. if the types stop catching these.
 */
import { expect, it } from 'vitest';
import { handlers } from './handlers';
import type { HandlerMap } from './http/handler-types';

const { signIn: _signIn, ...withoutSignIn } = handlers;

// @ts-expect-error an operation without a handler does not compile
const incomplete: HandlerMap = withoutSignIn;

// @ts-expect-error a reply whose body does not match the spec does not compile
const wrongBody: HandlerMap['getLiveness'] = async () => ({ status: 200, body: { status: 'fine' } });

// @ts-expect-error a status the spec does not document does not compile
const wrongStatus: HandlerMap['getLiveness'] = async () => ({ status: 201, body: { status: 'ok' } });

it('keeps the compile-time checks referenced', () => {
  expect([incomplete, wrongBody, wrongStatus].length).toBe(3);
});
