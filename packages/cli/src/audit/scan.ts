/** Scans a frontend's source tree for HTTP calls: client facts first, then calls, file by file. */
import { collectClientFacts } from './client-facts';
import { extractCalls } from './extract-calls';
import { readSources } from './source-files';
import type { FoundCall, UnresolvedCall } from './types';

/** Every call found under a source root, with the number of files read. */
export type ScanResult = { files: number; calls: FoundCall[]; unresolved: UnresolvedCall[] };

/** Reads every source file under `root` and returns the HTTP calls they make. */
export async function scanFrontend(root: string): Promise<ScanResult> {
  const sources = await readSources(root);
  const facts = collectClientFacts(sources.map((s) => s.sf));
  const result: ScanResult = { files: sources.length, calls: [], unresolved: [] };
  for (const { sf, file } of sources) {
    const found = extractCalls(sf, file, facts);
    result.calls.push(...found.calls);
    result.unresolved.push(...found.unresolved);
  }
  return result;
}
