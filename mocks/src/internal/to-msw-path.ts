/** An msw path parameter name for a spec one (msw accepts word characters only). */
export function mswParamName(name: string): string {
  return name.replace(/\W/g, '_');
}

/** A spec path template as an msw path: `/users/{userId}` → `/users/:userId`. */
export function toMswPath(path: string): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => `:${mswParamName(name)}`);
}
