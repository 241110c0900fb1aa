/** A spec path template as a Hono route: `{userId}` becomes `:userId`, and a tail parameter `:key{[\s\S]+}` (any characters, slashes and line breaks included). */
export function toRouterPath(path: string, pathTail = false): string {
  const route = path.replace(/\{([^}]+)\}/g, ':$1');
  return pathTail ? route.replace(/(:[^/]+)$/, '$1{[\\s\\S]+}') : route;
}
