/**
 * Follows names to what they were bound to, within one file: `const url = ...`, object
 * literals of endpoints, functions that return a URL. No type checker: only what the syntax says.
 */
import ts from 'typescript';

/** What a name is bound to in the scope where it is used. */
export type Binding =
  | { kind: 'value'; node: ts.Expression }
  | { kind: 'function'; node: ts.FunctionLikeDeclaration }
  | { kind: 'parameter' }
  | { kind: 'import'; module: string }
  | { kind: 'other' };

const MAX_DEPTH = 12;

/** Finds the declaration a name refers to from `from`, walking out through enclosing scopes. */
export function findBinding(name: string, from: ts.Node): Binding | null {
  for (let node: ts.Node | undefined = from; node; node = node.parent) {
    if (ts.isFunctionLike(node)) {
      if (node.parameters.some((p) => bindsName(p.name, name))) return { kind: 'parameter' };
      if (ts.isFunctionExpression(node) && node.name?.text === name) return { kind: 'function', node };
    }
    if (ts.isCatchClause(node) && node.variableDeclaration && bindsName(node.variableDeclaration.name, name)) {
      return { kind: 'other' };
    }
    if ((ts.isForStatement(node) || ts.isForOfStatement(node) || ts.isForInStatement(node)) && node.initializer) {
      if (
        ts.isVariableDeclarationList(node.initializer) &&
        node.initializer.declarations.some((d) => bindsName(d.name, name))
      ) {
        return { kind: 'other' };
      }
    }
    const statements = (node as { statements?: ts.NodeArray<ts.Statement> }).statements;
    if (statements) {
      const found = findInStatements(statements, name);
      if (found) return found;
    }
  }
  return null;
}

function findInStatements(statements: ts.NodeArray<ts.Statement>, name: string): Binding | null {
  for (const statement of statements) {
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && d.name.text === name) {
          return d.initializer ? { kind: 'value', node: d.initializer } : { kind: 'other' };
        }
        if (bindsName(d.name, name)) return { kind: 'other' };
      }
    } else if (ts.isFunctionDeclaration(statement) && statement.name?.text === name) {
      return { kind: 'function', node: statement };
    } else if (ts.isImportDeclaration(statement) && importsName(statement, name)) {
      return { kind: 'import', module: (statement.moduleSpecifier as ts.StringLiteral).text };
    } else if ((ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name?.text === name) {
      return { kind: 'other' };
    }
  }
  return null;
}

function bindsName(pattern: ts.BindingName, name: string): boolean {
  if (ts.isIdentifier(pattern)) return pattern.text === name;
  return pattern.elements.some((el) => !ts.isOmittedExpression(el) && bindsName(el.name, name));
}

function importsName(decl: ts.ImportDeclaration, name: string): boolean {
  const clause = decl.importClause;
  if (!clause) return false;
  if (clause.name?.text === name) return true;
  const bindings = clause.namedBindings;
  if (!bindings) return false;
  if (ts.isNamespaceImport(bindings)) return bindings.name.text === name;
  return bindings.elements.some((el) => el.name.text === name);
}

/** Strips parentheses, `as`, `satisfies`, `!` and type assertions. */
export function unwrap(node: ts.Expression): ts.Expression {
  let n = node;
  while (
    ts.isParenthesizedExpression(n) ||
    ts.isAsExpression(n) ||
    ts.isSatisfiesExpression(n) ||
    ts.isNonNullExpression(n) ||
    ts.isTypeAssertionExpression(n)
  ) {
    n = n.expression;
  }
  return n;
}

/**
 * Follows an expression to the expression or function it stands for: identifiers to their
 * initializers, `ENDPOINTS.users` into object literals. Returns the input when it cannot.
 */
export function resolveValue(node: ts.Expression, depth = 0): ts.Expression | ts.FunctionLikeDeclaration {
  const n = unwrap(node);
  if (depth > MAX_DEPTH) return n;
  if (ts.isIdentifier(n)) {
    const binding = findBinding(n.text, n);
    if (binding?.kind === 'value') return resolveValue(binding.node, depth + 1);
    if (binding?.kind === 'function') return binding.node;
    return n;
  }
  const member = memberName(n);
  if (member && (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n))) {
    const owner = resolveValue(n.expression, depth + 1);
    if (ts.isObjectLiteralExpression(owner as ts.Node)) {
      const found = propertyValue(owner as ts.ObjectLiteralExpression, member);
      if (found) return ts.isFunctionLike(found) ? found : resolveValue(found as ts.Expression, depth + 1);
    }
  }
  return n;
}

/** The name read by `a.b` or `a['b']`, if static. */
export function memberName(node: ts.Expression): string | null {
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) {
    return node.argumentExpression.text;
  }
  return null;
}

/** The value of one property of an object literal: its initializer or its method. */
export function propertyValue(
  obj: ts.ObjectLiteralExpression,
  name: string,
): ts.Expression | ts.FunctionLikeDeclaration | null {
  for (const prop of obj.properties) {
    const key = prop.name && propertyKey(prop.name);
    if (key !== name) continue;
    if (ts.isPropertyAssignment(prop)) return prop.initializer;
    if (ts.isShorthandPropertyAssignment(prop)) return prop.name;
    if (ts.isMethodDeclaration(prop)) return prop;
  }
  return null;
}

/** A property name as text, when it is static. */
export function propertyKey(name: ts.PropertyName): string | null {
  if (
    ts.isIdentifier(name) ||
    ts.isStringLiteralLike(name) ||
    ts.isNumericLiteral(name) ||
    ts.isPrivateIdentifier(name)
  ) {
    return name.text;
  }
  if (ts.isComputedPropertyName(name) && ts.isStringLiteralLike(name.expression)) return name.expression.text;
  return null;
}

/** The one expression a function returns, when its body is an expression or a single `return`. */
export function returnedExpression(fn: ts.FunctionLikeDeclaration): ts.Expression | null {
  const body = fn.body;
  if (!body) return null;
  if (!ts.isBlock(body)) return body;
  const returns: ts.ReturnStatement[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isReturnStatement(node)) returns.push(node);
    else if (!ts.isFunctionLike(node)) ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return returns.length === 1 && returns[0].expression ? returns[0].expression : null;
}
