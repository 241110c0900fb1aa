/** The current time as RFC 3339 text, the form every timestamp is stored in. */
export function nowIso(): string {
  return new Date().toISOString();
}

/** `seconds` from now, as RFC 3339 text. */
export function isoIn(seconds: number): string {
  return new Date(Date.now() + seconds * 1000).toISOString();
}
