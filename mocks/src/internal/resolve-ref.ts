/** Follows local `$ref`s (`#/components/...`) until a node without one; other nodes pass through. */
export function resolveRef(doc: object, node: any): any {
  let current = node;
  for (let hops = 0; current && typeof current.$ref === 'string'; hops++) {
    if (hops > 32) throw new Error(`$ref cycle at ${node.$ref}`);
    current = refTarget(doc, current.$ref);
  }
  return current;
}

function refTarget(doc: object, ref: string): any {
  if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported, got ${ref}`);
  const segments = ref
    .slice(2)
    .split('/')
    .map((s) => decodeURIComponent(s).replaceAll('~1', '/').replaceAll('~0', '~'));
  const target = segments.reduce((n: any, key) => n?.[key], doc);
  if (target === undefined) throw new Error(`unresolved $ref ${ref}`);
  return target;
}
