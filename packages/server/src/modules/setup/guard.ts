/**
 * Who may run the first-run wizard: a caller on this machine (loopback, as the AeroDB
 * dashboard is on a developer's machine), or anybody with the one-time setup token the
 * server prints at start-up (`SETUP_TOKEN` sets it). Behind a trusted proxy the forwarded
 * address is judged, not the proxy's. This closes the race where whoever reaches a fresh
 * server first would become its admin.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { HttpError } from '../../http/http-error';
import type { HeaderReader } from '../../http/request-headers';

/** The header that carries the setup token. */
export const SETUP_TOKEN_HEADER = 'x-setup-token';

/** Whether `address` is this machine: 127.0.0.0/8, ::1, their IPv4-mapped forms, or an in-process call. */
export function isLoopback(address: string): boolean {
  const plain = address.replace(/^::ffff:/i, '');
  return plain === '::1' || plain === 'local' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(plain);
}

/** A new setup token: 192 random bits, URL-safe. */
export function newSetupToken(): string {
  return randomBytes(24).toString('base64url');
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Throws 403 SETUP_TOKEN_REQUIRED unless the caller is local or sent the setup token. */
export function checkSetupCaller(clientIp: string, headers: HeaderReader, setupToken: string): void {
  if (isLoopback(clientIp)) return;
  const given = headers.get(SETUP_TOKEN_HEADER);
  if (given && sameToken(given, setupToken)) return;
  throw new HttpError(
    403,
    'SETUP_TOKEN_REQUIRED',
    'Setup from another machine needs the setup token the server printed at start-up, in the X-Setup-Token header.',
  );
}
