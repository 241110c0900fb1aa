import { operations } from '@lockstep/contract';
import { describe, expect, it } from 'vitest';
import { unmockable } from './unmockable';

describe('unmockable', () => {
  it('lists the realtime upgrade, whose socket the realtime mock answers', () => {
    const realtime = unmockable.find((u) => u.operationId === 'connectRealtime');
    expect(realtime).toMatchObject({ status: 101, reason: expect.stringContaining('createRealtimeMock()') });
    expect(realtime?.reason).not.toContain('has no mock');
  });
  it('lists only operations of the table', () => {
    for (const { operationId } of unmockable) expect(operations).toHaveProperty(operationId);
  });
});
