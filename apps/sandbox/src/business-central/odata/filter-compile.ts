import { Decimal } from '@mlc/platform-money';
import { badRequest } from '../api/bc-error';
import type { FieldDef } from '../model/field-def';
import type { Json } from '../resources/entity-set';
import { ComparisonOp, FilterNode, parseFilter } from './filter-parser';

/** Reads a field of the entity under test. */
export type FieldReader = (name: string) => Json;
export type Predicate = (read: FieldReader) => boolean;

export interface FilterScope {
  readonly fields: ReadonlyMap<string, FieldDef>;
  /** `Microsoft.NAV.customer`, for error messages. */
  readonly typeName: string;
  /** `$schemaversion=2.1` enables `in` and nested functions. */
  readonly schema21: boolean;
}

interface Operand {
  readonly field: FieldDef;
  readonly caseInsensitive: boolean;
}

const OP_NAMES: Record<ComparisonOp, string> = {
  eq: 'Equal',
  ne: 'NotEqual',
  gt: 'GreaterThan',
  ge: 'GreaterThanOrEqual',
  lt: 'LessThan',
  le: 'LessThanOrEqual',
};
const MIRROR: Record<ComparisonOp, ComparisonOp> = { eq: 'eq', ne: 'ne', gt: 'lt', ge: 'le', lt: 'gt', le: 'ge' };
const STRING_FUNCTIONS = new Set(['contains', 'startswith', 'endswith']);

/**
 * Parses, checks and compiles a `$filter` the way BC applies it: `eq` on text is case-sensitive unless wrapped in
 * tolower/toupper, `or` must stay on one field, `in` and nested functions need `$schemaversion=2.1`, and literal types
 * must match the property (GUIDs, dates and datetimes bare, strings quoted).
 */
export function compileFilter(text: string, scope: FilterScope): Predicate {
  const node = parseFilter(text);
  return compileNode(node, scope);
}

function compileNode(node: FilterNode, scope: FilterScope): Predicate {
  switch (node.kind) {
    case 'logical': {
      if (node.op === 'or' && propertiesOf(node).size > 1) {
        throw badRequest("The 'OR' operator is not supported on distinct fields on an OData filter.");
      }
      const left = compileNode(node.left, scope);
      const right = compileNode(node.right, scope);
      return node.op === 'and' ? (e) => left(e) && right(e) : (e) => left(e) || right(e);
    }
    case 'not': {
      const inner = compileNode(node.operand, scope);
      return (e) => !inner(e);
    }
    case 'compare':
      return compileComparison(node.op, node.left, node.right, scope);
    case 'in':
      return compileIn(node.left, node.list, scope);
    case 'call':
      return compileStringFunction(node, scope);
    case 'property': {
      const field = lookup(node.name, scope);
      if (field.type !== 'boolean') throw badRequest(`The $filter expression must evaluate to a single boolean value.`);
      return (e) => e(field.name) === true;
    }
    case 'literal':
      throw badRequest(`The $filter expression must evaluate to a single boolean value.`);
  }
}

function propertiesOf(node: FilterNode, into = new Set<string>()): Set<string> {
  if (node.kind === 'property') into.add(node.name);
  else if (node.kind === 'call') node.args.forEach((a) => propertiesOf(a, into));
  else if (node.kind === 'compare' || node.kind === 'logical') {
    propertiesOf(node.left, into);
    propertiesOf(node.right, into);
  } else if (node.kind === 'in') propertiesOf(node.left, into);
  else if (node.kind === 'not') propertiesOf(node.operand, into);
  return into;
}

function lookup(name: string, scope: FilterScope): FieldDef {
  const field = scope.fields.get(name);
  if (!field) throw badRequest(`Could not find a property named '${name}' on type '${scope.typeName}'.`);
  return field;
}

function operand(node: FilterNode, scope: FilterScope, nested: boolean): Operand {
  if (node.kind === 'property') return { field: lookup(node.name, scope), caseInsensitive: false };
  if (node.kind === 'call' && (node.name === 'tolower' || node.name === 'toupper')) {
    if (nested && !scope.schema21) {
      throw badRequest('Nested functions in $filter are supported only with $schemaversion=2.1.');
    }
    const inner = node.args[0];
    if (node.args.length !== 1 || inner?.kind !== 'property') {
      throw badRequest(`The function '${node.name}' expects a single property argument.`);
    }
    return { field: lookup(inner.name, scope), caseInsensitive: true };
  }
  if (node.kind === 'call') throw unknownFunction(node.name);
  throw badRequest('The left operand of a comparison must be a property.');
}

function unknownFunction(name: string) {
  return badRequest(
    `An unknown function with name '${name}' was found. This may also be a function import or a key lookup on a navigation property, which is not allowed.`,
  );
}

function compileComparison(op: ComparisonOp, leftNode: FilterNode, rightNode: FilterNode, scope: FilterScope): Predicate {
  if (leftNode.kind === 'literal' && rightNode.kind !== 'literal') {
    return compileComparison(MIRROR[op], rightNode, leftNode, scope);
  }
  const left = operand(leftNode, scope, false);
  if (rightNode.kind !== 'literal') throw badRequest('The right operand of a comparison must be a literal value.');
  const compare = comparator(left, rightNode.type, rightNode.value, OP_NAMES[op]);
  const name = left.field.name;
  return (e) => {
    const result = compare(e(name));
    if (result === undefined) return false;
    switch (op) {
      case 'eq':
        return result === 0;
      case 'ne':
        return result !== 0;
      case 'gt':
        return result > 0;
      case 'ge':
        return result >= 0;
      case 'lt':
        return result < 0;
      case 'le':
        return result <= 0;
    }
  };
}

function compileIn(leftNode: FilterNode, list: FilterNode[], scope: FilterScope): Predicate {
  if (!scope.schema21) {
    throw badRequest("The 'in' operator is supported only with $schemaversion=2.1.");
  }
  const left = operand(leftNode, scope, false);
  const comparators = list.map((item) => {
    if (item.kind !== 'literal') throw badRequest("The 'in' operator expects a list of literal values.");
    return comparator(left, item.type, item.value, 'In');
  });
  return (e) => comparators.some((c) => c(e(left.field.name)) === 0);
}

function compileStringFunction(node: FilterNode & { kind: 'call' }, scope: FilterScope): Predicate {
  if (!STRING_FUNCTIONS.has(node.name)) throw unknownFunction(node.name);
  const [target, needleNode] = node.args;
  if (node.args.length !== 2 || !target || needleNode?.kind !== 'literal' || needleNode.type !== 'string') {
    throw badRequest(`The function '${node.name}' expects a property and a string literal.`);
  }
  const left = operand(target, scope, true);
  if (!['code', 'text', 'enum'].includes(left.field.type)) {
    throw badRequest(`The function '${node.name}' cannot be applied to '${left.field.name}' of type '${left.field.edmType}'.`);
  }
  const fold = (s: string) => (left.caseInsensitive ? s.toLowerCase() : s);
  const needle = fold(needleNode.value);
  const test =
    node.name === 'contains'
      ? (s: string) => s.includes(needle)
      : node.name === 'startswith'
        ? (s: string) => s.startsWith(needle)
        : (s: string) => s.endsWith(needle);
  return (e) => {
    const value = e(left.field.name);
    return typeof value === 'string' && test(fold(value));
  };
}

type Compare = (value: unknown) => number | undefined;

/** A three-way comparison of an entity value with a typed literal; throws for incompatible literal types. */
function comparator(left: Operand, type: string, text: string, opName: string): Compare {
  const field = left.field;
  const incompatible = (literalEdm: string) =>
    badRequest(
      `A binary operator with incompatible types was detected. Found operand types '${field.edmType}' and '${literalEdm}' for operator kind '${opName}'.`,
    );
  switch (field.type) {
    case 'code':
    case 'text':
    case 'enum': {
      if (type !== 'string') throw incompatible(edmOfLiteral(type));
      const fold = (s: string) => (left.caseInsensitive ? s.toLowerCase() : s);
      const literal = fold(text);
      return (v) => (typeof v === 'string' ? cmp(fold(v), literal) : undefined);
    }
    case 'guid': {
      if (type !== 'guid') throw incompatible(edmOfLiteral(type));
      const literal = text.toLowerCase();
      return (v) => (typeof v === 'string' ? cmp(v.toLowerCase(), literal) : undefined);
    }
    case 'decimal':
    case 'integer':
    case 'int64': {
      if (type !== 'number') throw incompatible(edmOfLiteral(type));
      const literal = Decimal.parse(text);
      return (v) => (typeof v === 'number' ? Decimal.fromWireNumber(v).compare(literal) : undefined);
    }
    case 'boolean': {
      if (type !== 'boolean') throw incompatible(edmOfLiteral(type));
      const literal = text === 'true';
      return (v) => (typeof v === 'boolean' ? cmp(Number(v), Number(literal)) : undefined);
    }
    case 'date': {
      if (type !== 'date') throw incompatible(edmOfLiteral(type));
      return (v) => (typeof v === 'string' ? cmp(v, text) : undefined);
    }
    case 'datetime': {
      if (type !== 'datetime') throw incompatible(edmOfLiteral(type));
      const literal = Date.parse(text);
      return (v) => (typeof v === 'string' ? cmp(Date.parse(v), literal) : undefined);
    }
  }
}

function edmOfLiteral(type: string): string {
  const map: Record<string, string> = {
    string: 'Edm.String',
    number: 'Edm.Decimal',
    guid: 'Edm.Guid',
    date: 'Edm.Date',
    datetime: 'Edm.DateTimeOffset',
    boolean: 'Edm.Boolean',
    null: 'null',
  };
  return map[type] ?? type;
}

function cmp<T extends string | number>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
