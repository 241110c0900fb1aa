import { operations } from '@lockstep/contract';
import { WebSocketHandler } from 'msw';
import { describe, expect, it, vi } from 'vitest';

vi.mock('msw/browser', () => ({ setupWorker: vi.fn((...handlers: unknown[]) => ({ handlers })) }));

describe('createMockWorker', () => {
  it('gives msw’s worker every handler, and the realtime socket’s', async () => {
    const { createMockWorker } = await import('./browser');
    const worker = createMockWorker() as unknown as { handlers: unknown[] };
    expect(worker.handlers).toHaveLength(Object.keys(operations).length + 1);
    expect(worker.handlers.at(-1)).toBeInstanceOf(WebSocketHandler);
  });
});
