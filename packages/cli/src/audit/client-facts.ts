/**
 * First pass over the frontend: which names hold an HTTP client instance (`axios.create`,
 * `ky.create`/`extend`, openapi-fetch's `createClient`) and which functions hand one out
 * (`useApi()`). Collected over all files, so a service can use the instance another file made.
 * Instances are known by name, which is cheap and survives imports without resolving them.
 */
import ts from 'typescript';
import { findBinding, propertyKey, unwrap } from './bindings';

/** A client library whose instances are tracked by name. */
export type InstanceKind = 'axios' | 'ky' | 'openapi-fetch';

/** Names bound to client instances, and names of functions that return one. */
export type ClientFacts = { instances: Map<string, InstanceKind>; factories: Map<string, InstanceKind> };

type Pending = {
  returns: Array<{ fn: ts.Node; value: ts.Expression }>;
  aliases: Array<[name: string, callee: string]>;
};

/** Reads every file once and settles which names are clients, following factories across files. */
export function collectClientFacts(files: ts.SourceFile[]): ClientFacts {
  const facts: ClientFacts = { instances: new Map(), factories: new Map() };
  const pending: Pending = { returns: [], aliases: [] };
  for (const sf of files) visitFile(sf, facts, pending);
  let size = -1;
  while (size !== facts.instances.size + facts.factories.size) {
    size = facts.instances.size + facts.factories.size;
    for (const { fn, value } of pending.returns) recordFactory(fn, unwrap(value), facts);
    for (const [name, callee] of pending.aliases) {
      const kind = facts.factories.get(callee);
      if (kind) facts.instances.set(name, kind);
    }
  }
  return facts;
}

function visitFile(sf: ts.SourceFile, facts: ClientFacts, pending: Pending): void {
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const kind = creationKind(node, facts);
      const holder = holderName(node);
      if (kind && holder) facts.instances.set(holder, kind);
      const callee = unwrap(node.expression);
      if (!kind && holder && ts.isIdentifier(callee)) pending.aliases.push([holder, callee.text]);
    }
    if (ts.isReturnStatement(node) && node.expression) {
      const fn = ts.findAncestor(node.parent, ts.isFunctionLike);
      if (fn) pending.returns.push({ fn, value: node.expression });
    } else if (ts.isArrowFunction(node) && !ts.isBlock(node.body)) {
      pending.returns.push({ fn: node, value: node.body });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}

/** The kind of client a call creates, if it is `axios.create(...)`, `ky.extend(...)`, `createClient(...)`, `useApi()`. */
export function creationKind(call: ts.CallExpression, facts: ClientFacts): InstanceKind | null {
  const callee = unwrap(call.expression);
  if (ts.isIdentifier(callee)) {
    const factory = facts.factories.get(callee.text);
    if (factory) return factory;
    return fileImports(callee.getSourceFile()).get(callee.text) === 'openapi-fetch' ? 'openapi-fetch' : null;
  }
  if (!ts.isPropertyAccessExpression(callee)) return null;
  const method = callee.name.text;
  if (method !== 'create' && method !== 'extend') return null;
  const root = rootLibrary(callee.expression);
  if (root === 'axios' && method === 'create') return 'axios';
  if (root === 'ky' || instanceKind(callee.expression, facts) === 'ky') return 'ky';
  return null;
}

/** `axios` or `ky` when the expression is that library's default export (imported, required or global). */
export function rootLibrary(node: ts.Expression): 'axios' | 'ky' | null {
  const n = unwrap(node);
  if (!ts.isIdentifier(n)) return null;
  const module = fileImports(n.getSourceFile()).get(n.text);
  if (module === 'axios') return 'axios';
  if (module === 'ky' || module === 'ky-universal') return 'ky';
  if (module !== undefined || (n.text !== 'axios' && n.text !== 'ky')) return null;
  return findBinding(n.text, n)?.kind === 'parameter' ? null : n.text;
}

/** The kind of client instance an expression holds: a known instance name, or a creating call. */
export function instanceKind(node: ts.Expression, facts: ClientFacts): InstanceKind | null {
  const n = unwrap(node);
  if (ts.isCallExpression(n)) return creationKind(n, facts);
  if (ts.isAwaitExpression(n) && ts.isCallExpression(n.expression)) return creationKind(n.expression, facts);
  const name = lastName(n);
  return name === null ? null : (facts.instances.get(name) ?? null);
}

/** `api` for `api`, `this.api`, `services.api`; null for anything else. */
export function lastName(node: ts.Expression): string | null {
  const n = unwrap(node);
  if (ts.isIdentifier(n)) return n.text;
  if (ts.isPropertyAccessExpression(n)) return n.name.text;
  return null;
}

/** The name a call's value is stored under: `const api = ...`, `this.api = ...`, `{ api: ... }`. */
function holderName(call: ts.CallExpression): string | null {
  let holder: ts.Node = call;
  while (
    ts.isParenthesizedExpression(holder.parent) ||
    ts.isAsExpression(holder.parent) ||
    ts.isAwaitExpression(holder.parent)
  ) {
    holder = holder.parent;
  }
  const parent = holder.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (
    ts.isBinaryExpression(parent) &&
    parent.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    parent.right === holder
  ) {
    return lastName(parent.left);
  }
  if (ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) return propertyKey(parent.name);
  return null;
}

function recordFactory(fn: ts.Node, value: ts.Expression, facts: ClientFacts): void {
  const name = functionName(fn);
  if (!name) return;
  const kind = instanceKind(value, facts);
  if (kind) {
    facts.factories.set(name, kind);
    return;
  }
  if (!ts.isObjectLiteralExpression(value)) return;
  for (const prop of value.properties) {
    const held = ts.isShorthandPropertyAssignment(prop)
      ? instanceKind(prop.name, facts)
      : ts.isPropertyAssignment(prop)
        ? instanceKind(prop.initializer, facts)
        : null;
    const key = prop.name && propertyKey(prop.name);
    if (held && key) facts.instances.set(key, held);
  }
}

function functionName(fn: ts.Node): string | null {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn) || ts.isFunctionExpression(fn)) && fn.name) {
    return propertyKey(fn.name);
  }
  const parent = fn.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isPropertyAssignment(parent)) return propertyKey(parent.name);
  return null;
}

const importCache = new WeakMap<ts.SourceFile, Map<string, string>>();

/** Local name → module for a file's imports and top-level `require`s (computed once per file). */
export function fileImports(sf: ts.SourceFile): Map<string, string> {
  const cached = importCache.get(sf);
  if (cached) return cached;
  const out = new Map<string, string>();
  for (const statement of sf.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const module = statement.moduleSpecifier.text;
      const clause = statement.importClause;
      if (clause?.name) out.set(clause.name.text, module);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) out.set(bindings.name.text, module);
      else if (bindings) for (const el of bindings.elements) out.set(el.name.text, module);
    } else if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) {
        const module = d.initializer && requiredModule(d.initializer);
        if (module && ts.isIdentifier(d.name)) out.set(d.name.text, module);
      }
    }
  }
  importCache.set(sf, out);
  return out;
}

/** `m` for `require('m')` and `require('m').default`. */
function requiredModule(node: ts.Expression): string | null {
  let n = unwrap(node);
  if (ts.isPropertyAccessExpression(n) && n.name.text === 'default') n = unwrap(n.expression);
  if (!ts.isCallExpression(n) || !ts.isIdentifier(n.expression) || n.expression.text !== 'require') return null;
  const arg = n.arguments[0];
  return arg && ts.isStringLiteralLike(arg) ? arg.text : null;
}
