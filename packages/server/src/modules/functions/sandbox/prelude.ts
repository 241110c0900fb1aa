/**
 * The JavaScript evaluated inside each QuickJS context before the function's module: it
 * gives user code `console`, `fetch`, `Response`, `setTimeout`/`clearTimeout`, and the entry
 * point the host calls. It takes the three host functions the worker installs
 * (`__ls_log`, `__ls_fetch`, `__ls_sleep`) into a closure and deletes them from the global
 * object, so user code can only reach the host through these wrappers. Everything here runs
 * inside the sandbox: nothing it does can touch the host, it only shapes what user code sees.
 */
export const SANDBOX_PRELUDE = String.raw`
(() => {
  const hostLog = globalThis.__ls_log;
  const hostFetch = globalThis.__ls_fetch;
  const hostSleep = globalThis.__ls_sleep;
  delete globalThis.__ls_log;
  delete globalThis.__ls_fetch;
  delete globalThis.__ls_sleep;

  const format = (value) => {
    if (typeof value === 'string') return value;
    if (value instanceof Error) return value.stack ? value.name + ': ' + value.message + '\n' + value.stack : String(value);
    try {
      const text = JSON.stringify(value);
      return text === undefined ? String(value) : text;
    } catch {
      return String(value);
    }
  };
  const print = (level) => (...args) => { hostLog(level, args.map(format).join(' ')); };
  globalThis.console = Object.freeze({
    debug: print('debug'), log: print('info'), info: print('info'), warn: print('warn'), error: print('error'),
  });

  class Response {
    constructor(body, init) {
      const options = init ?? {};
      this.status = options.status ?? 200;
      this.statusText = options.statusText ?? '';
      this.headers = Object.assign({}, options.headers ?? {});
      this.ok = this.status >= 200 && this.status < 300;
      this.bodyText = body === undefined || body === null ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    }
    async text() { return this.bodyText; }
    async json() { return JSON.parse(this.bodyText); }
    static json(data, init) {
      const options = init ?? {};
      const headers = Object.assign({ 'content-type': 'application/json' }, options.headers ?? {});
      return new Response(JSON.stringify(data), Object.assign({}, options, { headers }));
    }
  }
  globalThis.Response = Response;

  globalThis.fetch = async (input, init) => {
    const options = init ?? {};
    const request = {
      method: String(options.method ?? 'GET'),
      headers: Object.assign({}, options.headers ?? {}),
      body: options.body === undefined || options.body === null ? null : String(options.body),
    };
    const answer = JSON.parse(await hostFetch(String(input), JSON.stringify(request)));
    return new Response(answer.body, { status: answer.status, statusText: answer.statusText, headers: answer.headers });
  };

  let nextTimer = 0;
  const liveTimers = new Set();
  globalThis.setTimeout = (callback, ms, ...args) => {
    const id = ++nextTimer;
    liveTimers.add(id);
    hostSleep(Math.max(0, Number(ms) || 0)).then(() => {
      if (liveTimers.delete(id) && typeof callback === 'function') callback(...args);
    });
    return id;
  };
  globalThis.clearTimeout = (id) => { liveTimers.delete(id); };

  const toPlain = async (response) => {
    const text = await response.text();
    const type = String(response.headers['content-type'] ?? response.headers['Content-Type'] ?? '');
    let body = text;
    if (type.includes('json')) { try { body = JSON.parse(text); } catch {} }
    return { status: response.status, headers: response.headers, body };
  };

  // The host's entry point: answers the result as JSON text, or -1 when it is too large.
  const stringify = JSON.stringify;
  globalThis.__ls_call = async (exportsPromise, payloadText, contextText, maxBytes) => {
    const exported = await exportsPromise;
    const handler = exported.default;
    if (typeof handler !== 'function') throw new TypeError('The module has no default export function (export default async function handler(payload, context) {...}).');
    let result = await handler(JSON.parse(payloadText), JSON.parse(contextText));
    if (result instanceof Response) result = await toPlain(result);
    const text = stringify(result === undefined ? null : result);
    return text.length > maxBytes ? -1 : text;
  };
})();
`;
