/**
 * Mocks of every operation of the Lockstep spec, derived from the bundled document at runtime:
 * msw handlers, an in-process `fetch`, and the answers themselves. `./node` and `./browser`
 * add msw's server and worker.
 */
export { createHandlers, DEFAULT_BASE_URL } from './create-handlers';
export { createMockFetch } from './create-mock-fetch';
export { MOCK_STATUS_HEADER, mockAnswer } from './mock-answer';
export type {
  AnswerOptions,
  MockAnswer,
  MockOptions,
  MockOverride,
  MockOverrides,
  OverrideInfo,
  UnmockableOperation,
} from './types';
export { unmockable } from './unmockable';
