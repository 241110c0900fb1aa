import { describe, expect, it } from 'vitest';
import { KeyLocks } from './key-locks';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('KeyLocks', () => {
  it('runs tasks on one key one after the other, and tasks on other keys at once', async () => {
    const locks = new KeyLocks();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`${name}:start`);
      await tick();
      log.push(`${name}:end`);
    };
    await Promise.all([
      locks.with('b', ['a.txt'], task('one')),
      locks.with('b', ['a.txt', 'b.txt'], task('two')),
      locks.with('b', ['c.txt'], task('other')),
    ]);
    expect(log.indexOf('one:end')).toBeLessThan(log.indexOf('two:start'));
    expect(log.indexOf('other:start')).toBeLessThan(log.indexOf('one:end'));
  });

  it('releases the lock when a task fails', async () => {
    const locks = new KeyLocks();
    await expect(locks.with('b', ['k'], async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await locks.with('b', ['k'], async () => 'next')).toBe('next');
  });
});
