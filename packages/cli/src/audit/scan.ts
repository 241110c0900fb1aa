/** Scans a frontend's source tree for HTTP calls: client facts first, then calls, file by file. */
import { collectClientFacts } from './client-facts';
import { extractCalls } from './extract-calls';
import { importsSdk, type SdkMethods } from './sdk-calls';
import { readSources } from './source-files';
import type { FoundCall, UnresolvedCall } from './types';

/** Every call found under a source root, with the number of files read. */
export type ScanResult = { files: number; calls: FoundCall[]; unresolved: UnresolvedCall[] };

/**
 * Reads every source file under `root` and returns the HTTP calls they make. Calls through
 * `@lockstep/sdk` are read when some file imports it, with `sdkMethods` as its facade table.
 */
export async function scanFrontend(root: string, sdkMethods: SdkMethods = new Map()): Promise<ScanResult> {
  const sources = await readSources(root);
  const facts = collectClientFacts(sources.map((s) => s.sf));
  const sdk = sources.some((s) => importsSdk(s.sf)) ? { methods: sdkMethods } : null;
  const result: ScanResult = { files: sources.length, calls: [], unresolved: [] };
  for (const { sf, file } of sources) {
    const found = extractCalls(sf, file, facts, sdk);
    result.calls.push(...found.calls);
    result.unresolved.push(...found.unresolved);
  }
  return result;
}
