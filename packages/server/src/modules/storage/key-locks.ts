/**
 * In-process locks per bucket and key, so two writes to one key (an upload racing a move,
 * say) commit bytes and metadata one after the other. Instances sharing a database do not
 * see each other's locks; the unique key constraint still refuses the second insert.
 */
export class KeyLocks {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `task` once every earlier task holding one of `keys` in `bucket` has finished. */
  async with<T>(bucket: string, keys: string[], task: () => Promise<T>): Promise<T> {
    const names = [...new Set(keys.map((k) => `${bucket}\u0000${k}`))].sort();
    const earlier = names.map((n) => this.tails.get(n) ?? Promise.resolve());
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    for (const n of names) this.tails.set(n, mine);
    try {
      await Promise.all(earlier);
      return await task();
    } finally {
      release();
      for (const n of names) if (this.tails.get(n) === mine) this.tails.delete(n);
    }
  }
}
