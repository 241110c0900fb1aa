/**
 * `npm run wiring:docs`: renders the built API reference once for the wiring report's docs
 * column (`reports/docs-rendered.json`). `npm test` runs it beside the tests, so the report
 * after them does not wait on Chromium; run alone, the report renders the page itself.
 */
import { DOCS_PAGE, RENDERED_CACHE, renderedOperationsOnce } from './docs-column';

const rendered = await renderedOperationsOnce(DOCS_PAGE, RENDERED_CACHE);
console.log(`wiring:docs: the API reference renders ${rendered.size} operations`);
