/**
 * What a run creates, deleted when it ends: a 2xx answer to a POST on a collection is
 * matched to the spec's DELETE on `<collection>/{param}`, and the new thing's identifier
 * (its `id`, or its `name` for a `...Name` parameter) fills that parameter. A POST with no
 * DELETE of its own falls back to the one collection that ends in the same segment
 * (`/v1/buckets` → `/buckets/{name}`), or, for an answer that wraps the new thing
 * (`{user: {id}}`), to the one collection named after the wrapper (`/users/{userId}`).
 */
import type { ContractOperation, HttpAnswer } from './types';

type Pending = { op: ContractOperation; path: string };
type Remover = { op: ContractOperation; param: string; collection: string };

function lastSegment(path: string): string {
  return path.split('/').pop() ?? '';
}

/** The identifier a DELETE parameter takes from what the POST answered, if any. */
export function identifierFor(param: string, body: unknown): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const fields = body as Record<string, unknown>;
  const value = /name$/i.test(param) ? (fields.name ?? fields.id) : (fields[param] ?? fields.id);
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** Remembers what a run created and how to remove it. */
export class Leftovers {
  private readonly pending: Pending[] = [];
  private readonly removers = new Map<string, Remover>();

  constructor(operations: ContractOperation[]) {
    for (const op of operations) {
      const match = op.method === 'delete' ? /^(.*)\/\{([^}/]+)\}$/.exec(op.path) : null;
      if (match) this.removers.set(match[1], { op, param: match[2], collection: match[1] });
    }
  }

  /** Notes what `create`, sent to the concrete `sentPath`, made, when the spec can delete it. */
  note(create: ContractOperation, sentPath: string, answer: HttpAnswer): void {
    if (create.method !== 'post' || answer.status < 200 || answer.status > 299) return;
    const found = this.removerFor(create.path, sentPath, answer.json);
    if (found) this.push(found.remover, found.prefix, found.body);
  }

  private removerFor(path: string, sentPath: string, body: unknown) {
    const own = this.removers.get(path);
    if (own) return { remover: own, prefix: `${sentPath}/`, body };
    const top = (r: Remover) => !r.collection.includes('{');
    const sibling = this.only((r) => top(r) && lastSegment(r.collection) === lastSegment(path));
    if (sibling) return { remover: sibling, prefix: `${sibling.collection}/`, body };
    for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
      const named = this.only((r) => top(r) && lastSegment(r.collection) === `${key}s`);
      if (named && value && typeof value === 'object')
        return { remover: named, prefix: `${named.collection}/`, body: value };
    }
    return undefined;
  }

  private only(test: (r: Remover) => boolean): Remover | undefined {
    const found = [...this.removers.values()].filter(test);
    return found.length === 1 ? found[0] : undefined;
  }

  private push(remover: Remover, prefix: string, body: unknown): void {
    const id = identifierFor(remover.param, body);
    if (id !== undefined) this.pending.push({ op: remover.op, path: prefix + encodeURIComponent(id) });
  }

  /** What is left to delete, newest first (a thing made later may depend on one made earlier). */
  drain(): Pending[] {
    return this.pending.splice(0).reverse();
  }
}
