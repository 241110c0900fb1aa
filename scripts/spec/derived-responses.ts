/**
 * The error responses every operation shares, derived from its shape instead of written
 * by hand: 400 when it takes input, 413 and 415 when it takes a body (the server's body
 * limit, a content type it does not take), 401 when it needs a credential, 403 when it
 * takes one (a role or an API key permission can be missing), 503 when it writes (a restore
 * pauses writes), 500 and 501 always. See spec/CONVENTIONS.md.
 */
type Doc = Record<string, any>;
type Operation = Doc;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function takesInput(pathItem: Doc, op: Operation): boolean {
  return Boolean(op.requestBody) || (op.parameters ?? []).length > 0 || (pathItem.parameters ?? []).length > 0;
}

function requirements(doc: Doc, op: Operation): Doc[] {
  return op.security ?? doc.security ?? [];
}

function ref(name: string): Doc {
  return { $ref: `#/components/responses/${name}` };
}

const WRITES = new Set(['put', 'post', 'delete', 'patch']);

function derivedFor(doc: Doc, pathItem: Doc, method: string, op: Operation): Record<string, Doc> {
  const reqs = requirements(doc, op);
  const out: Record<string, Doc> = {};
  if (takesInput(pathItem, op)) out['400'] = ref('BadRequest');
  if (op.requestBody) out['413'] = ref('PayloadTooLarge');
  if (op.requestBody) out['415'] = ref('UnsupportedMediaType');
  // Where a credential is optional, a bad one is still refused.
  if (reqs.length > 0) out['401'] = ref('Unauthorized');
  // Any credential can be refused: a role it lacks, or an API key without the permission.
  if (reqs.length > 0) out['403'] = ref('Forbidden');
  out['500'] = ref('InternalError');
  out['501'] = ref('NotImplemented');
  // Every write answers 503 while a restore replaces the data (see restoreBackup).
  if (WRITES.has(method)) out['503'] = ref('Unavailable');
  return out;
}

function sortedByStatus(responses: Doc): Doc {
  return Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
}

/** Adds the derived responses to every operation of `doc`, keeping hand-written ones. */
export function addDerivedResponses(doc: Doc): void {
  doc.components.responses.InternalError ??= internalError;
  doc.components.responses.UnsupportedMediaType ??= unsupportedMediaType;
  for (const pathItem of Object.values(doc.paths as Doc)) {
    for (const method of METHODS) {
      const op = pathItem[method];
      if (!op) continue;
      op.responses = sortedByStatus({ ...derivedFor(doc, pathItem, method, op), ...op.responses });
    }
  }
}

const internalError: Doc = {
  description: 'The server failed; the request id is in its logs.',
  content: {
    'application/json': {
      schema: { $ref: '#/components/schemas/Error' },
      examples: {
        internal: {
          summary: 'Server failure',
          value: { message: 'Internal server error.', code: 'INTERNAL', status: 500, request_id: 'req_8f14e45f' },
        },
      },
    },
  },
};

const unsupportedMediaType: Doc = {
  description: 'The body is not in a content type this operation takes.',
  content: {
    'application/json': {
      schema: { $ref: '#/components/schemas/Error' },
      examples: {
        unsupported: {
          summary: 'Wrong content type',
          value: { message: 'Send the body as application/json.', code: 'UNSUPPORTED_MEDIA_TYPE', status: 415 },
        },
      },
    },
  },
};
