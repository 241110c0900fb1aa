/**
 * Recognises calls made through `@lockstep/sdk`, which name an operation rather than a URL:
 * `client.call('getUser', ...)`, `client.modules.<tag>.<operationId>(...)` and the facades
 * (`client.auth.signIn(...)`), read from the SDK's own table of facade methods.
 */
import ts from 'typescript';
import { unwrap } from './bindings';

/** Facade methods by `facade.method` (`auth.signIn`) → operationId. */
export type SdkMethods = Map<string, string>;

/** The facade table of the installed `@lockstep/sdk` (empty when it cannot be loaded). */
export async function loadSdkMethods(): Promise<SdkMethods> {
  try {
    const sdk = (await import('@lockstep/sdk')) as { sdkOperationMethods?: Record<string, string> };
    const table = sdk.sdkOperationMethods ?? {};
    return new Map(Object.entries(table).map(([operationId, method]) => [method, operationId]));
  } catch {
    return new Map();
  }
}

/** Whether a file imports `@lockstep/sdk`. */
export function importsSdk(sf: ts.SourceFile): boolean {
  return sf.statements.some(
    (s) =>
      ts.isImportDeclaration(s) &&
      ts.isStringLiteral(s.moduleSpecifier) &&
      s.moduleSpecifier.text.startsWith('@lockstep/sdk'),
  );
}

/** The operationId a call through the SDK names, or null when the call is not one. */
export function sdkOperation(node: ts.CallExpression, methods: SdkMethods): string | null {
  const callee = unwrap(node.expression);
  if (!ts.isPropertyAccessExpression(callee)) return null;
  const chain = accessChain(callee);
  const [last, prev, third] = [chain.at(-1), chain.at(-2), chain.at(-3)];
  if (last === 'call' && chain.length >= 2) {
    const first = node.arguments[0] && unwrap(node.arguments[0]);
    return first && ts.isStringLiteralLike(first) ? first.text : null;
  }
  if (third === 'modules' && last) return last;
  if (prev && last) return methods.get(`${prev}.${last}`) ?? null;
  return null;
}

/** `client.auth.signIn` → ['client', 'auth', 'signIn']; `this.client.x` → ['this', 'client', 'x']. */
function accessChain(node: ts.Expression): string[] {
  const n = unwrap(node);
  if (ts.isPropertyAccessExpression(n)) return [...accessChain(n.expression), n.name.text];
  if (ts.isIdentifier(n)) return [n.text];
  if (n.kind === ts.SyntaxKind.ThisKeyword) return ['this'];
  return ['?'];
}
