/**
 * Names the function a call sits in, the way a reader would: `authService.getUsers` for a
 * method of an object literal, `ClassName.method`, or the function or const name.
 */
import ts from 'typescript';
import { propertyKey } from './bindings';

/** Keys of framework option objects that add nothing to a name (`methods.load` → `load`). */
const CONTAINER_KEYS = new Set(['methods', 'actions', 'getters', 'computed', 'watch', 'mutations']);

/** The name of the innermost named function around `node`; `(top level)` outside any. */
export function enclosingFunction(node: ts.Node, componentName: string): string {
  let fallback: string | null = null;
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (!isFunctionNode(n)) continue;
    const name = functionName(n, componentName);
    if (name) return name;
    fallback ??= callbackName(n);
  }
  return fallback ?? '(top level)';
}

function isFunctionNode(n: ts.Node): n is ts.FunctionLikeDeclaration {
  return (
    ts.isFunctionDeclaration(n) ||
    ts.isFunctionExpression(n) ||
    ts.isArrowFunction(n) ||
    ts.isMethodDeclaration(n) ||
    ts.isConstructorDeclaration(n) ||
    ts.isGetAccessorDeclaration(n) ||
    ts.isSetAccessorDeclaration(n)
  );
}

function functionName(fn: ts.FunctionLikeDeclaration, componentName: string): string | null {
  if (ts.isFunctionDeclaration(fn)) return fn.name ? fn.name.text : componentName;
  if (ts.isConstructorDeclaration(fn)) return memberOf(fn.parent, 'constructor', componentName);
  if (ts.isMethodDeclaration(fn) || ts.isGetAccessorDeclaration(fn) || ts.isSetAccessorDeclaration(fn)) {
    return memberOf(fn.parent, propertyKey(fn.name) ?? '(computed)', componentName);
  }
  const holder = outerExpression(fn);
  const parent = holder.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) {
    return memberOf(parent.parent, propertyKey(parent.name) ?? '(computed)', componentName);
  }
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    return parent.left.getText();
  }
  if (ts.isExportAssignment(parent)) return componentName;
  if (ts.isFunctionExpression(fn) && fn.name) return fn.name.text;
  return null;
}

/** `Owner.member` for a member of a class or an object literal. */
function memberOf(owner: ts.Node, member: string, componentName: string): string {
  const ownerName = ts.isObjectLiteralExpression(owner)
    ? objectName(owner, componentName)
    : className(owner, componentName);
  if (CONTAINER_KEYS.has(member)) return ownerName;
  return ownerName ? `${ownerName}.${member}` : member;
}

function className(node: ts.Node, componentName: string): string {
  if ((ts.isClassDeclaration(node) || ts.isClassExpression(node)) && node.name) return node.name.text;
  if (ts.isClassExpression(node) && ts.isVariableDeclaration(node.parent) && ts.isIdentifier(node.parent.name)) {
    return node.parent.name.text;
  }
  return componentName;
}

/** The dotted name an object literal is known by: its variable, its key path, its component. */
function objectName(obj: ts.ObjectLiteralExpression, componentName: string): string {
  const holder = outerExpression(obj);
  const parent = holder.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isPropertyAssignment(parent) && ts.isObjectLiteralExpression(parent.parent)) {
    const key = propertyKey(parent.name) ?? '(computed)';
    const outer = objectName(parent.parent, componentName);
    if (CONTAINER_KEYS.has(key)) return outer;
    return outer ? `${outer}.${key}` : key;
  }
  if (ts.isExportAssignment(parent)) return componentName;
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    return parent.left.getText();
  }
  if (ts.isReturnStatement(parent) || ts.isArrowFunction(parent)) {
    const fn = ts.findAncestor(parent, isFunctionNode);
    return (fn && functionName(fn, componentName)) ?? componentName;
  }
  if (ts.isCallExpression(parent)) {
    const call = outerExpression(parent);
    if (ts.isVariableDeclaration(call.parent) && ts.isIdentifier(call.parent.name)) return call.parent.name.text;
    if (ts.isExportAssignment(call.parent)) return componentName;
  }
  return componentName;
}

/** Climbs through parentheses, `as`, `satisfies` and wrapper calls like `defineComponent(...)`. */
function outerExpression(node: ts.Node): ts.Node {
  let n = node;
  while (
    ts.isParenthesizedExpression(n.parent) ||
    ts.isAsExpression(n.parent) ||
    ts.isSatisfiesExpression(n.parent) ||
    (ts.isCallExpression(n.parent) && ts.isObjectLiteralExpression(n) && isWrapperCall(n.parent))
  ) {
    n = n.parent;
  }
  return n;
}

/** `defineComponent({...})` and the like: one object argument that the call just passes through. */
function isWrapperCall(call: ts.CallExpression): boolean {
  return call.arguments.length === 1 && ts.isIdentifier(call.expression) && call.expression.text.startsWith('define');
}

/** A hint for an anonymous callback: `onMounted` for `onMounted(async () => ...)`. */
function callbackName(fn: ts.FunctionLikeDeclaration): string | null {
  const parent = fn.parent;
  if (ts.isCallExpression(parent) && parent.arguments.includes(fn as ts.Expression)) {
    const callee = parent.expression;
    if (ts.isIdentifier(callee)) return `${callee.text}(callback)`;
    if (ts.isPropertyAccessExpression(callee)) return `${callee.name.text}(callback)`;
  }
  return null;
}
