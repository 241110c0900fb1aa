/**
 * Mocks of every operation of the Lockstep spec, derived from the bundled document at runtime:
 * msw handlers, an in-process `fetch`, and the answers themselves; the realtime WebSocket
 * (spec/asyncapi.yaml) on msw's `ws` API. `./node` and `./browser` add msw's server and worker.
 */
export { createHandlers, DEFAULT_BASE_URL } from './create-handlers';
export { createMockFetch } from './create-mock-fetch';
export { createRealtimeMock } from './create-realtime-mock';
export { MOCK_STATUS_HEADER, mockAnswer } from './mock-answer';
export type {
  AnswerOptions,
  MockAnswer,
  MockChange,
  MockOptions,
  MockOverride,
  MockOverrides,
  OverrideInfo,
  RealtimeFrame,
  RealtimeMock,
  RealtimeMockOptions,
  RealtimePresenceUser,
  UnmockableOperation,
} from './types';
export { unmockable } from './unmockable';
