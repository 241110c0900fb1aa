/** An msw path parameter name for a spec one (msw accepts word characters only). */
export function mswParamName(name: string): string {
  return name.replace(/\W/g, '_');
}

/**
 * A spec path template as an msw path: `/users/{userId}` → `/users/:userId`; with `pathTail`
 * the last parameter takes one or more segments (`/files/:filePath+`), as the server routes it.
 */
export function toMswPath(path: string, pathTail = false): string {
  const route = path.replace(/\{([^}]+)\}/g, (_, name: string) => `:${mswParamName(name)}`);
  return pathTail ? `${route}+` : route;
}

/** A parameter msw matched: a tail comes as its segments, joined back into one key. */
export function mswParamValue(value: string | readonly string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join('/') : (value as string | undefined);
}
