/** What every contract-test call answers: the status, the parsed body and the headers. */

/** One answer: the body parsed as JSON when the server says JSON, otherwise its text. */
export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}
