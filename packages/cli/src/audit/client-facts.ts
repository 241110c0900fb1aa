/**
 * First pass over the frontend: which names hold an HTTP client instance (`axios.create`,
 * `ky.create`/`extend`, openapi-fetch's `createClient`) and which functions hand one out
 * (`useApi()`). Collected over all files, so a service can use the instance another file made.
 */
import ts from 'typescript';
import { findBinding, propertyKey, unwrap } from './bindings';

/** A client library whose instances are tracked by name. */
export type InstanceKind = 'axios' | 'ky' | 'openapi-fetch';

/** Names bound to client instances, and names of functions that return one. */
export type ClientFacts = { instances: Map<string, InstanceKind>; factories: Map<string, InstanceKind> };

/** An empty set of facts, to be filled by `collectClientFacts`. */
export function emptyFacts(): ClientFacts {
  return { instances: new Map(), factories: new Map() };
}

/** Adds the client instances and factories one file declares to `facts`. */
export function collectClientFacts(sf: ts.SourceFile, facts: ClientFacts): void {
  const returns: Array<{ fn: ts.Node; value: ts.Expression }> = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const kind = creationKind(node, facts);
      if (kind) recordCreation(node, kind, facts);
    }
    if (ts.isReturnStatement(node) && node.expression) {
      const fn = ts.findAncestor(node.parent, ts.isFunctionLike);
      if (fn) returns.push({ fn, value: node.expression });
    } else if (ts.isArrowFunction(node) && !ts.isBlock(node.body)) {
      returns.push({ fn: node, value: node.body });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  let before = -1;
  while (before !== facts.instances.size + facts.factories.size) {
    before = facts.instances.size + facts.factories.size;
    for (const { fn, value } of returns) recordFactory(fn, unwrap(value), facts);
  }
}

/** The kind of client a call creates, if it is `axios.create(...)`, `ky.extend(...)`, `createClient(...)`. */
export function creationKind(call: ts.CallExpression, facts: ClientFacts): InstanceKind | null {
  const callee = unwrap(call.expression);
  if (ts.isIdentifier(callee)) {
    const binding = findBinding(callee.text, callee);
    if (binding?.kind === 'import' && binding.module === 'openapi-fetch') return 'openapi-fetch';
    return facts.factories.get(callee.text) ?? null;
  }
  if (!ts.isPropertyAccessExpression(callee)) return null;
  const method = callee.name.text;
  const root = rootLibrary(callee.expression);
  if (root === 'axios' && method === 'create') return 'axios';
  if (
    (root === 'ky' || instanceKind(callee.expression, facts) === 'ky') &&
    (method === 'create' || method === 'extend')
  ) {
    return 'ky';
  }
  return null;
}

/** `axios` or `ky` when the expression is that library's default export (imported, required or global). */
export function rootLibrary(node: ts.Expression): 'axios' | 'ky' | null {
  const n = unwrap(node);
  if (!ts.isIdentifier(n)) return null;
  const binding = findBinding(n.text, n);
  if (binding?.kind === 'import') {
    if (binding.module === 'axios') return 'axios';
    if (binding.module === 'ky' || binding.module === 'ky-universal') return 'ky';
    return null;
  }
  if (binding?.kind === 'parameter') return null;
  if (n.text === 'axios' || n.text === 'ky') return n.text;
  return null;
}

/** The kind of client instance an expression holds, judged by name or by how it was made. */
export function instanceKind(node: ts.Expression, facts: ClientFacts): InstanceKind | null {
  const n = unwrap(node);
  if (ts.isCallExpression(n)) return creationKind(n, facts);
  const name = lastName(n);
  if (name === null) return null;
  const known = facts.instances.get(name);
  if (known) return known;
  if (ts.isIdentifier(n)) {
    const binding = findBinding(n.text, n);
    if (binding?.kind === 'value') {
      const value = unwrap(binding.node);
      if (ts.isCallExpression(value)) return creationKind(value, facts);
      if (ts.isAwaitExpression(value) && ts.isCallExpression(value.expression))
        return creationKind(value.expression, facts);
    }
  }
  return null;
}

/** `api` for `api`, `this.api`, `services.api`; null for anything else. */
export function lastName(node: ts.Expression): string | null {
  const n = unwrap(node);
  if (ts.isIdentifier(n)) return n.text;
  if (ts.isPropertyAccessExpression(n)) return n.name.text;
  return null;
}

function recordCreation(call: ts.CallExpression, kind: InstanceKind, facts: ClientFacts): void {
  let holder: ts.Node = call;
  while (
    ts.isParenthesizedExpression(holder.parent) ||
    ts.isAsExpression(holder.parent) ||
    ts.isAwaitExpression(holder.parent)
  ) {
    holder = holder.parent;
  }
  const parent = holder.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) facts.instances.set(parent.name.text, kind);
  else if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const name = lastName(parent.left);
    if (name) facts.instances.set(name, kind);
  } else if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && propertyKey(parent.name)) {
    facts.instances.set(propertyKey(parent.name)!, kind);
  }
}

function recordFactory(fn: ts.Node, value: ts.Expression, facts: ClientFacts): void {
  const name = functionName(fn);
  if (!name) return;
  const kind = ts.isCallExpression(value) ? creationKind(value, facts) : instanceKind(value, facts);
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
