import { operations } from '@lockstep/contract';
import { describe, expect, it } from 'vitest';
import { unmockable } from './unmockable';

describe('unmockable', () => {
  it('lists the realtime WebSocket upgrade', () => {
    const realtime = unmockable.find((u) => u.operationId === 'connectRealtime');
    expect(realtime).toMatchObject({ status: 101, reason: expect.stringContaining('501 NOT_IMPLEMENTED') });
  });
  it('lists only operations of the table', () => {
    for (const { operationId } of unmockable) expect(operations).toHaveProperty(operationId);
  });
});
