/** Which WebSocket operation has a socket mock on msw's `ws` API, and its name. */
const SOCKET_MOCKS: Record<string, string> = {
  connectRealtime: '`createRealtimeMock()` (spec/asyncapi.yaml; `createMockServer` and `createMockWorker` add it)',
};

/** The socket mock of a WebSocket operation, undefined when it has none. */
export function socketMockOf(operationId: string): string | undefined {
  return SOCKET_MOCKS[operationId];
}
