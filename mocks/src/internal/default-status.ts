/** The status a mock answers by default: the lowest documented 2xx, else the lowest 3xx; none → `undefined`. */
export function defaultStatus(responses: Record<string, unknown>): number | undefined {
  const codes = Object.keys(responses)
    .filter((code) => /^\d{3}$/.test(code))
    .map(Number);
  const lowest = (from: number) => {
    const inRange = codes.filter((code) => code >= from && code < from + 100);
    return inRange.length ? Math.min(...inRange) : undefined;
  };
  return lowest(200) ?? lowest(300);
}
