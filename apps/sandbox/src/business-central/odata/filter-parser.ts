import { LiteralType, syntaxError, Token, tokenize } from './filter-lexer';

export type ComparisonOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export type FilterNode =
  | { readonly kind: 'literal'; readonly type: LiteralType; readonly value: string }
  | { readonly kind: 'property'; readonly name: string }
  | { readonly kind: 'call'; readonly name: string; readonly args: FilterNode[] }
  | { readonly kind: 'compare'; readonly op: ComparisonOp; readonly left: FilterNode; readonly right: FilterNode }
  | { readonly kind: 'in'; readonly left: FilterNode; readonly list: FilterNode[] }
  | { readonly kind: 'logical'; readonly op: 'and' | 'or'; readonly left: FilterNode; readonly right: FilterNode }
  | { readonly kind: 'not'; readonly operand: FilterNode };

const COMPARISONS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);

/** Recursive-descent parser for the `$filter` subset BC serves: or < and < not < comparison/in < primary. */
export function parseFilter(text: string): FilterNode {
  const parser = new Parser(tokenize(text), text);
  const node = parser.expression();
  parser.expectEnd();
  return node;
}

class Parser {
  private index = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly text: string,
  ) {}

  expression(): FilterNode {
    let left = this.conjunction();
    while (this.isWord('or')) {
      this.index += 1;
      left = { kind: 'logical', op: 'or', left, right: this.conjunction() };
    }
    return left;
  }

  expectEnd(): void {
    const token = this.tokens[this.index];
    if (token) throw syntaxError(token.pos, this.text);
  }

  private conjunction(): FilterNode {
    let left = this.negation();
    while (this.isWord('and')) {
      this.index += 1;
      left = { kind: 'logical', op: 'and', left, right: this.negation() };
    }
    return left;
  }

  private negation(): FilterNode {
    if (this.isWord('not')) {
      this.index += 1;
      return { kind: 'not', operand: this.negation() };
    }
    return this.comparison();
  }

  private comparison(): FilterNode {
    const left = this.primary();
    const token = this.tokens[this.index];
    if (token?.kind === 'word' && COMPARISONS.has(token.value.toLowerCase())) {
      this.index += 1;
      return { kind: 'compare', op: token.value.toLowerCase() as ComparisonOp, left, right: this.primary() };
    }
    if (token?.kind === 'word' && token.value.toLowerCase() === 'in') {
      this.index += 1;
      return { kind: 'in', left, list: this.list() };
    }
    return left;
  }

  private list(): FilterNode[] {
    this.expectPunct('(');
    const items = [this.primary()];
    while (this.isPunct(',')) {
      this.index += 1;
      items.push(this.primary());
    }
    this.expectPunct(')');
    return items;
  }

  private primary(): FilterNode {
    const token = this.tokens[this.index];
    if (!token) throw syntaxError(this.text.length, this.text);
    if (token.kind === 'punct' && token.value === '(') {
      this.index += 1;
      const inner = this.expression();
      this.expectPunct(')');
      return inner;
    }
    if (token.kind === 'literal') {
      this.index += 1;
      return { kind: 'literal', type: token.type, value: token.value };
    }
    if (token.kind === 'word') {
      this.index += 1;
      if (this.isPunct('(')) return { kind: 'call', name: token.value.toLowerCase(), args: this.arguments() };
      return { kind: 'property', name: token.value };
    }
    throw syntaxError(token.pos, this.text);
  }

  private arguments(): FilterNode[] {
    this.expectPunct('(');
    const args: FilterNode[] = [];
    if (!this.isPunct(')')) {
      args.push(this.expression());
      while (this.isPunct(',')) {
        this.index += 1;
        args.push(this.expression());
      }
    }
    this.expectPunct(')');
    return args;
  }

  private isWord(word: string): boolean {
    const token = this.tokens[this.index];
    return token?.kind === 'word' && token.value.toLowerCase() === word;
  }

  private isPunct(value: string): boolean {
    const token = this.tokens[this.index];
    return token?.kind === 'punct' && token.value === value;
  }

  private expectPunct(value: string): void {
    const token = this.tokens[this.index];
    if (!token || token.kind !== 'punct' || token.value !== value) {
      throw syntaxError(token?.pos ?? this.text.length, this.text);
    }
    this.index += 1;
  }
}
