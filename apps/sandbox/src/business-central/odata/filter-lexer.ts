import { badRequest } from '../api/bc-error';

export type LiteralType = 'string' | 'number' | 'guid' | 'date' | 'datetime' | 'boolean' | 'null';

export type Token =
  | { readonly kind: 'punct'; readonly value: '(' | ')' | ','; readonly pos: number }
  | { readonly kind: 'word'; readonly value: string; readonly pos: number }
  | { readonly kind: 'literal'; readonly type: LiteralType; readonly value: string; readonly pos: number };

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})/;
const DATE = /^\d{4}-\d{2}-\d{2}/;
const NUMBER = /^-?\d+(\.\d+)?/;
const WORD = /^[A-Za-z_][A-Za-z0-9_]*/;

/** Splits an OData `$filter` expression into tokens (literals typed the way OData ABNF spells them). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < text.length) {
    const ch = text[pos]!;
    if (ch === ' ' || ch === '\t') {
      pos += 1;
      continue;
    }
    if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: 'punct', value: ch, pos });
      pos += 1;
      continue;
    }
    if (ch === "'") {
      const { value, end } = readString(text, pos);
      tokens.push({ kind: 'literal', type: 'string', value, pos });
      pos = end;
      continue;
    }
    const rest = text.slice(pos);
    const typed = matchTyped(rest);
    if (typed) {
      tokens.push({ kind: 'literal', type: typed.type, value: typed.text, pos });
      pos += typed.text.length;
      continue;
    }
    const word = WORD.exec(rest);
    if (!word) throw syntaxError(pos, text);
    const lower = word[0].toLowerCase();
    if (lower === 'true' || lower === 'false') tokens.push({ kind: 'literal', type: 'boolean', value: lower, pos });
    else if (lower === 'null') tokens.push({ kind: 'literal', type: 'null', value: 'null', pos });
    else tokens.push({ kind: 'word', value: word[0], pos });
    pos += word[0].length;
  }
  return tokens;
}

function matchTyped(rest: string): { type: LiteralType; text: string } | undefined {
  const guid = GUID.exec(rest);
  if (guid && !/^[\w-]/.test(rest.slice(guid[0].length))) return { type: 'guid', text: guid[0] };
  const datetime = DATETIME.exec(rest);
  if (datetime) return { type: 'datetime', text: datetime[0] };
  const date = DATE.exec(rest);
  if (date) return { type: 'date', text: date[0] };
  const number = NUMBER.exec(rest);
  if (number && !/^[A-Za-z_]/.test(rest.slice(number[0].length))) return { type: 'number', text: number[0] };
  return undefined;
}

function readString(text: string, start: number): { value: string; end: number } {
  let value = '';
  let pos = start + 1;
  while (pos < text.length) {
    const ch = text[pos]!;
    if (ch === "'") {
      if (text[pos + 1] === "'") {
        value += "'";
        pos += 2;
        continue;
      }
      return { value, end: pos + 1 };
    }
    value += ch;
    pos += 1;
  }
  throw badRequest(`There is an unterminated string literal at position ${start} in '${text}'.`);
}

export function syntaxError(pos: number, text: string) {
  return badRequest(`Syntax error at position ${pos} in '${text}'.`);
}
