/**
 * The prototype-pollution corpus: the keys that walk to `Object.prototype` (`__proto__`,
 * `constructor.prototype`) go through every parameter style of every operation (plain and
 * deepObject query parameters, path parameters, headers, JSON bodies at the top and
 * nested, multipart fields), as an admin and anonymously. Afterwards nothing is polluted,
 * no answer was a 500, and sign-in and an admin call still work.
 */
import { openapiDocument, operations } from '@lockstep/contract';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Person, setupAdmin, signIn } from './harness/fixtures';
import { contractSuite } from './harness/suite';

const MARK = 'lockstepPolluted';

/** Query strings that name a prototype through each way a query key is read. */
function pollutingQueries(deepParams: string[]): string[] {
  const names = [...new Set(['filter', 'q', ...deepParams])];
  return [
    `__proto__[${MARK}]=1&constructor[prototype][${MARK}]=1`,
    `__proto__.${MARK}=1&constructor.prototype.${MARK}=1`,
    ...names.flatMap((name) => [
      `${name}[__proto__][${MARK}]=1`,
      `${name}[constructor][prototype][${MARK}]=1`,
      `${name}[0][__proto__][${MARK}]=1`,
      `${name}=x&${name}[0][field]=id`,
      `${name}[0][field]=id&${name}=x`,
    ]),
  ];
}

/** JSON bodies (as text: a JS literal would set the prototype instead of a key). */
const pollutingBodies = [
  `{"__proto__":{"${MARK}":1}}`,
  `{"constructor":{"prototype":{"${MARK}":1}}}`,
  `{"data":{"__proto__":{"${MARK}":1}},"metadata":{"__proto__":{"${MARK}":1}},"filter":{"__proto__":{"${MARK}":1}}}`,
  `[{"__proto__":{"${MARK}":1}}]`,
  `{"op":"write","collection":"__proto__","document":{"__proto__":{"${MARK}":1}},"filter":{"constructor":{"prototype":{"${MARK}":1}}}}`,
];

function deepObjectParams(path: string, method: string): string[] {
  const item = (openapiDocument.paths as Record<string, any>)[path];
  const params = [...(item.parameters ?? []), ...(item[method].parameters ?? [])];
  return params.filter((p: any) => p.style === 'deepObject').map((p: any) => p.name);
}

function isPolluted(): boolean {
  return (
    MARK in ({} as Record<string, unknown>) ||
    MARK in Object.prototype ||
    MARK in (Object.create(Object.prototype) as object)
  );
}

contractSuite(import.meta.filename, 'prototype pollution through every parameter style', (t) => {
  let admin: Person;
  const serverErrors: string[] = [];

  beforeAll(async () => {
    admin = await setupAdmin(t);
  });

  afterAll(() => {
    delete (Object.prototype as Record<string, unknown>)[MARK];
  });

  const rows = Object.entries(operations).filter(([id]) => id !== 'signOut');

  it.each(rows.map(([id, op]) => [id, op] as const))('%s', async (operationId, op) => {
    const method = op.method.toUpperCase();
    const template = op.path;
    const paths = [template.replace(/\{[^}]+\}/g, '__proto__'), template.replace(/\{[^}]+\}/g, 'constructor')];
    const headers = { authorization: `Bearer ${admin.token}`, ['__proto__']: 'x', constructor: 'y' };
    const sends: Array<Promise<{ status: number; what: string }>> = [];
    const send = (path: string, body: string | undefined, extra: Record<string, string>, what: string) =>
      t.raw
        .request(method, path, undefined, { headers: { ...headers, ...extra }, raw: body })
        .then((res) => ({ status: res.status, what }));
    for (const query of pollutingQueries(deepObjectParams(template, op.method))) {
      sends.push(send(`${paths[0]}?${query}`, undefined, {}, `query ${query}`));
    }
    for (const path of paths) sends.push(send(path, undefined, {}, `path ${path}`));
    if (!['GET', 'HEAD', 'DELETE'].includes(method)) {
      for (const body of pollutingBodies) sends.push(send(paths[0], body, {}, `body ${body}`));
      const form = `--x\r\nContent-Disposition: form-data; name="__proto__"\r\n\r\n${MARK}\r\n--x\r\nContent-Disposition: form-data; name="constructor[prototype][${MARK}]"\r\n\r\n1\r\n--x--\r\n`;
      sends.push(send(paths[0], form, { 'content-type': 'multipart/form-data; boundary=x' }, 'multipart fields'));
    }
    for (const { status, what } of await Promise.all(sends)) {
      if (status >= 500 && status !== 501) serverErrors.push(`${operationId} ${what}: ${status}`);
    }
    expect(isPolluted()).toBe(false);
  });

  it('answers no 500, leaves Object.prototype clean, and still signs in and serves an admin', async () => {
    expect(serverErrors).toEqual([]);
    expect(isPolluted()).toBe(false);
    const again = await signIn(t, admin.email, admin.password);
    const users = await t.call('getUsers', { token: again.token });
    expect(users.status).toBe(200);
    expect((await t.call('getCurrentUser', { token: again.token })).status).toBe(200);
  });
});
