/** A spec path template as a Hono route: `{userId}` becomes `:userId`. */
export function toRouterPath(path: string): string {
  return path.replace(/\{([^}]+)\}/g, ':$1');
}
