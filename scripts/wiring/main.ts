/**
 * `npm run wiring`: every operation of the spec × {spec complete, server handler, SDK
 * call (through the SDK, against the msw mocks), mock, contract-tested on SQLite and on PostgreSQL, documented,
 * dashboard replay}, written to
 * reports/wiring.md and reports/wiring.html. Exits 1 when an operation of a module marked
 * `done` has a gap. Run the contract suite (npm test) and `npm run docs` first.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { modules, openapiDocument, operations } from '@lockstep/contract';
import { handlers, isNotImplemented } from '@lockstep/server';
import { mockAnswer } from '@lockstep-internal/mocks';
import { contractGaps, contractStatuses, mockValidator, type OperationInfo, specGaps } from './columns';
import { DOCS_PAGE, documentedIn, RENDERED_CACHE, renderedOperationsOnce } from './docs-column';
import { COLUMNS, type Row, renderHtml, renderMarkdown, totals } from './render';
import { dashboardOperations, readReplay, refusedOnSqlite, replayGaps } from './replay-column';
import { sdkGaps, sdkProbe } from './sdk-column';

const root = join(import.meta.dirname, '../..');
const reports = join(root, 'reports');

function answerBody(body: unknown, status: number): BodyInit | null {
  if (body === null || body === undefined || status === 204 || status === 304) return null;
  if (typeof body === 'string' || body instanceof Uint8Array) return body as BodyInit;
  return JSON.stringify(body);
}

async function mockGaps(op: OperationInfo, validate: ReturnType<typeof mockValidator>): Promise<string[]> {
  const answer = mockAnswer(op.operationId as never);
  if (!answer) return ['no mock'];
  const response = new Response(answerBody(answer.body, answer.status), {
    status: answer.status,
    headers: answer.headers,
  });
  const violation = await validate.violation(op.path, op.method, response);
  return violation ? [violation] : [];
}

async function buildRows(): Promise<Row[]> {
  const sqlite = contractStatuses(join(reports, 'contract'), 'sqlite');
  const postgres = contractStatuses(join(reports, 'contract'), 'postgres');
  const rendered = await renderedOperationsOnce(DOCS_PAGE, RENDERED_CACHE);
  const probe = sdkProbe();
  const validate = mockValidator(openapiDocument);
  const called = dashboardOperations(join(root, 'contract-tests/fixtures/aerodb-calls.tsv'));
  const replay = readReplay(reports);
  const singleNode = refusedOnSqlite(replay);
  const rows: Row[] = [];
  for (const [operationId, op] of Object.entries(operations)) {
    const info: OperationInfo = { operationId, ...op };
    const handler = (handlers as Record<string, unknown>)[operationId];
    rows.push({
      ...info,
      moduleStatus: (modules as Record<string, { status: string }>)[op.tag]?.status ?? 'planned',
      cells: {
        spec: specGaps(openapiDocument, info),
        server: handler && !isNotImplemented(handler) ? [] : ['501'],
        sdk: await sdkGaps(openapiDocument, probe, info),
        mock: await mockGaps(info, validate),
        sqlite: contractGaps(openapiDocument, info, sqlite.get(operationId), singleNode.has(operationId)),
        postgres: contractGaps(openapiDocument, info, postgres.get(operationId)),
        docs: documentedIn(rendered, info) ? [] : ['not in the rendered /docs'],
        replay: replayGaps(operationId, called, replay),
      },
    });
  }
  return rows;
}

const rows = await buildRows();
mkdirSync(reports, { recursive: true });
writeFileSync(join(reports, 'wiring.md'), renderMarkdown(rows));
writeFileSync(join(reports, 'wiring.html'), renderHtml(rows));

const doneGaps = rows.filter((r) => r.moduleStatus === 'done' && COLUMNS.some((c) => r.cells[c].length > 0));
for (const [tag, t] of totals(rows)) {
  console.log(
    `${tag.padEnd(14)} ${t.status.padEnd(8)} ${String(t.ops).padStart(3)} ops  ${COLUMNS.map((c) => `${c} ${t.passing[c]}/${t.ops}`).join('  ')}`,
  );
}
const wired = rows.filter((r) => COLUMNS.every((c) => r.cells[c].length === 0)).length;
console.log(
  `wiring: ${wired}/${rows.length} operations wired end to end; report in reports/wiring.md and reports/wiring.html`,
);
if (doneGaps.length > 0) {
  for (const r of doneGaps) {
    console.error(
      `gap in a done module: ${r.operationId} ${COLUMNS.filter((c) => r.cells[c].length > 0)
        .map((c) => `${c}: ${r.cells[c].join(', ')}`)
        .join('; ')}`,
    );
  }
  process.exit(1);
}
