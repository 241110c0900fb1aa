import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../usage-error';
import { assertPortFree } from './port';

describe('assertPortFree', () => {
  it('passes for a free port and says which port is busy otherwise', async () => {
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const { port } = taken.address() as AddressInfo;
    try {
      await expect(assertPortFree(port, '127.0.0.1')).rejects.toThrow(UsageError);
      await expect(assertPortFree(port, '127.0.0.1')).rejects.toThrow(`port ${port} on 127.0.0.1 is busy`);
    } finally {
      await new Promise((r) => taken.close(r));
    }
    await expect(assertPortFree(port, '127.0.0.1')).resolves.toBeUndefined();
  });
});
