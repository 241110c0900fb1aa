import { afterEach, describe, expect, it } from 'vitest';
import { defaultStorage, memoryStorage } from './storage';

describe('memoryStorage', () => {
  it('keeps, returns and forgets items', () => {
    const storage = memoryStorage();
    expect(storage.getItem('access_token')).toBeNull();
    storage.setItem('access_token', 'a');
    expect(storage.getItem('access_token')).toBe('a');
    storage.removeItem('access_token');
    expect(storage.getItem('access_token')).toBeNull();
  });

  it('is one store per call', () => {
    memoryStorage().setItem('k', 'v');
    expect(memoryStorage().getItem('k')).toBeNull();
  });
});

describe('defaultStorage', () => {
  const global = globalThis as { localStorage?: unknown };
  const original = Object.getOwnPropertyDescriptor(globalThis, 'localStorage');
  afterEach(() => {
    if (original) Object.defineProperty(globalThis, 'localStorage', original);
    else delete global.localStorage;
  });

  it('is localStorage where there is one', () => {
    const local = memoryStorage();
    Object.defineProperty(globalThis, 'localStorage', { value: local, configurable: true });
    expect(defaultStorage()).toBe(local);
  });

  it('is an in-memory store where there is none, or where touching it throws', () => {
    Object.defineProperty(globalThis, 'localStorage', { value: undefined, configurable: true });
    expect(defaultStorage().getItem('x')).toBeNull();
    Object.defineProperty(globalThis, 'localStorage', {
      get() {
        throw new Error('SecurityError');
      },
      configurable: true,
    });
    expect(defaultStorage().getItem('x')).toBeNull();
  });
});
