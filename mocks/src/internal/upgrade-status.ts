/** The documented 1xx status of an operation (101 for a WebSocket upgrade), which fetch cannot answer. */
export function upgradeStatus(responses: Record<string, unknown> | undefined): number | undefined {
  const code = Object.keys(responses ?? {}).find((status) => /^1\d\d$/.test(status));
  return code ? Number(code) : undefined;
}
