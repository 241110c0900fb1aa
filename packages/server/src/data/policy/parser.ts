import type { ComparisonOperator, PolicyNode, ValueNode } from './ast';
import { PolicySyntaxError } from './errors';
import { type Keyword, quoteSource, type Token, tokenize } from './lexer';
import { POLICY_LIMITS } from './limits';

const comparisonOperators: readonly string[] = ['=', '!=', '<', '<=', '>', '>='];

function describe(token: Token): string {
  return token.kind === 'end' ? 'end of input' : quoteSource(token.text);
}

function isKeyword(token: Token, keyword: Keyword): boolean {
  return token.kind === 'keyword' && token.keyword === keyword;
}

function isSymbol(token: Token, symbol: string): boolean {
  return token.kind === 'symbol' && token.symbol === symbol;
}

/** Recursive descent over the token list: or < and < not < condition. */
class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): PolicyNode {
    const node = this.parseOr();
    if (this.peek().kind !== 'end') this.fail('"and", "or" or end of input');
    return node;
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private next(): Token {
    return this.tokens[this.index++];
  }

  private fail(expected: string): never {
    const token = this.peek();
    throw new PolicySyntaxError(
      `expected ${expected} at position ${token.start}, found ${describe(token)}`,
      token.start,
    );
  }

  private expectSymbol(symbol: string, expected = `"${symbol}"`): void {
    if (!isSymbol(this.peek(), symbol)) this.fail(expected);
    this.index++;
  }

  private enter(token: Token): void {
    if (++this.depth > POLICY_LIMITS.maxDepth) {
      throw new PolicySyntaxError(
        `nesting deeper than ${POLICY_LIMITS.maxDepth} levels at position ${token.start}`,
        token.start,
      );
    }
  }

  private parseOr(): PolicyNode {
    const operands = [this.parseAnd()];
    while (isKeyword(this.peek(), 'or')) {
      this.index++;
      operands.push(this.parseAnd());
    }
    return operands.length === 1 ? operands[0] : { kind: 'or', operands };
  }

  private parseAnd(): PolicyNode {
    const operands = [this.parseNot()];
    while (isKeyword(this.peek(), 'and')) {
      this.index++;
      operands.push(this.parseNot());
    }
    return operands.length === 1 ? operands[0] : { kind: 'and', operands };
  }

  private parseNot(): PolicyNode {
    const token = this.peek();
    if (isKeyword(token, 'not')) {
      this.enter(this.next());
      const operand = this.parseNot();
      this.depth--;
      return { kind: 'not', operand };
    }
    if (isSymbol(token, '(')) {
      this.enter(this.next());
      const inner = this.parseOr();
      this.expectSymbol(')', '"and", "or" or ")"');
      this.depth--;
      return inner;
    }
    return this.parseCondition();
  }

  private parseCondition(): PolicyNode {
    const value = this.parseValue();
    const token = this.peek();
    if (token.kind === 'symbol' && comparisonOperators.includes(token.symbol)) {
      this.index++;
      return { kind: 'compare', operator: token.symbol as ComparisonOperator, left: value, right: this.parseValue() };
    }
    if (isKeyword(token, 'in')) return this.parseIn(value);
    if (isKeyword(token, 'is')) return this.parseIsNull(value);
    if (value.kind === 'literal' && typeof value.value === 'boolean') return { kind: 'literal', value: value.value };
    this.fail('a comparison operator, "in" or "is"');
  }

  private parseIn(value: ValueNode): PolicyNode {
    this.index++;
    this.expectSymbol('(');
    const list = [this.parseValue()];
    while (isSymbol(this.peek(), ',')) {
      this.index++;
      const item = this.peek();
      if (list.length === POLICY_LIMITS.maxInItems) {
        throw new PolicySyntaxError(
          `"in" list longer than ${POLICY_LIMITS.maxInItems} items at position ${item.start}`,
          item.start,
        );
      }
      list.push(this.parseValue());
    }
    this.expectSymbol(')', '"," or ")"');
    return { kind: 'in', value, list };
  }

  private parseIsNull(value: ValueNode): PolicyNode {
    this.index++;
    const negated = isKeyword(this.peek(), 'not');
    if (negated) this.index++;
    if (!isKeyword(this.peek(), 'null')) this.fail(negated ? '"null"' : '"null" or "not null"');
    this.index++;
    return { kind: 'isNull', value, negated };
  }

  private parseValue(): ValueNode {
    const token = this.peek();
    if (token.kind === 'string' || token.kind === 'number') {
      this.index++;
      return { kind: 'literal', value: token.value };
    }
    if (
      token.kind === 'keyword' &&
      (token.keyword === 'true' || token.keyword === 'false' || token.keyword === 'null')
    ) {
      this.index++;
      return { kind: 'literal', value: token.keyword === 'null' ? null : token.keyword === 'true' };
    }
    if (token.kind !== 'identifier') this.fail('a value');
    this.index++;
    if (token.name.toLowerCase() === 'auth' && isSymbol(this.peek(), '.')) return this.parseCall();
    return { kind: 'column', name: token.name };
  }

  private parseCall(): ValueNode {
    this.index++;
    const token = this.peek();
    const name = token.kind === 'identifier' ? token.name.toLowerCase() : '';
    if (name !== 'uid' && name !== 'role') this.fail('"uid" or "role"');
    this.index++;
    this.expectSymbol('(');
    this.expectSymbol(')');
    return { kind: 'call', name: name === 'uid' ? 'auth.uid' : 'auth.role' };
  }
}

/**
 * Parses a policy expression into its syntax tree; throws `PolicySyntaxError` naming the position.
 * @example parsePolicy("owner_id = auth.uid() or is_public = true")
 */
export function parsePolicy(text: string): PolicyNode {
  if (text.length > POLICY_LIMITS.maxLength) {
    throw new PolicySyntaxError(
      `expression longer than ${POLICY_LIMITS.maxLength} characters`,
      POLICY_LIMITS.maxLength,
    );
  }
  return new Parser(tokenize(text)).parse();
}
