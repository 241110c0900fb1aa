/**
 * Compares the security an operation needs. A change breaks clients when some way of calling
 * that used to work no longer does: a public operation now needs credentials, a scheme is
 * dropped, or a requirement gains a scope (a role).
 */

/** One alternative way to authenticate: scheme → scopes it needs. `{}` is anonymous access. */
type Alternative = Map<string, Set<string>>;

/** The result of comparing security requirements: null when they are the same. */
export type SecurityChange = { breaking: boolean; detail: string } | null;

/** Compares two requirement lists (OpenAPI `security`). */
export function compareSecurity(before: unknown[], after: unknown[]): SecurityChange {
  const a = alternatives(before);
  const b = alternatives(after);
  if (describe(a) === describe(b)) return null;
  const lost = a.filter((alt) => !b.some((candidate) => within(candidate, alt)));
  const detail = `${describe(a)} → ${describe(b)}`;
  if (lost.length === 0) return { breaking: false, detail: `relaxed: ${detail}` };
  if (lost.some((alt) => alt.size === 0)) return { breaking: true, detail: `authentication now required: ${detail}` };
  const added = addedScopes(lost, b);
  return { breaking: true, detail: added.length > 0 ? `scopes added (${added.join(', ')}): ${detail}` : detail };
}

function alternatives(list: unknown[]): Alternative[] {
  if (list.length === 0) return [new Map()];
  return list.map(
    (req) =>
      new Map(
        Object.entries((req ?? {}) as Record<string, string[]>).map(([scheme, scopes]) => [
          scheme,
          new Set(scopes ?? []),
        ]),
      ),
  );
}

/** Whether a client that satisfies `alt` also satisfies `candidate`. */
function within(candidate: Alternative, alt: Alternative): boolean {
  for (const [scheme, scopes] of candidate) {
    const held = alt.get(scheme);
    if (!held || [...scopes].some((s) => !held.has(s))) return false;
  }
  return true;
}

function addedScopes(lost: Alternative[], after: Alternative[]): string[] {
  const out = new Set<string>();
  for (const alt of lost) {
    for (const candidate of after) {
      for (const [scheme, scopes] of candidate) {
        const held = alt.get(scheme);
        if (held) for (const s of scopes) if (!held.has(s)) out.add(s);
      }
    }
  }
  return [...out];
}

function describe(alts: Alternative[]): string {
  const text = alts.map((alt) =>
    alt.size === 0
      ? 'none'
      : [...alt]
          .map(([scheme, scopes]) => (scopes.size ? `${scheme}[${[...scopes].sort().join(', ')}]` : scheme))
          .sort()
          .join(' + '),
  );
  return text.sort().join(' or ');
}
