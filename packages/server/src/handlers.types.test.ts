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

// A handler of a signed-in operation sees a signed-in caller: its user id needs no check.
const signedIn: HandlerMap['getSessions'] = async ({ caller }) => ({
  status: 200,
  body: [{ id: '', user_id: caller.userId, created_at: '', last_active: '', expires_at: '' }],
});

// @ts-expect-error a handler of a public operation must handle the anonymous caller
const publicOp: HandlerMap['signUp'] = async ({ caller }) => ({ status: 201, body: caller.userId as never });

it('keeps the compile-time checks referenced', () => {
  expect([incomplete, wrongBody, wrongStatus, signedIn, publicOp].length).toBe(5);
});
