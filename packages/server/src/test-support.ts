/** Test support for other workspaces (the contract suites): one s3rver fixture and one schema fixture. Not built, not published. */
export { dropSchema, testPostgresUrl } from './db/test-postgres';
export { startS3rver, type TestS3Server } from './storage/s3rver-fixture';
