import { BcMetadata, EntitySetModel } from './bc-metadata';
import { EVIDENCE } from './bc-reference-facts';

/*
 * OData query options of one request against the entity set it reads: `$select`, `$orderby` and `$filter` name only
 * properties of the set, `$expand` only its navigation properties (nested options against the target set), and the
 * filter keeps to what schema version 2.0 accepts per the reference: no `or` across distinct fields, no `in`
 * operator and no nested function calls without `$schemaversion=2.1`.
 */

const OPTIONS = new Set(['$filter', '$select', '$expand', '$orderby', '$top', '$skip', '$count', '$skiptoken']);
const KEYWORDS = new Set([
  'and',
  'or',
  'not',
  'eq',
  'ne',
  'gt',
  'ge',
  'lt',
  'le',
  'has',
  'in',
  'true',
  'false',
  'null',
]);
const FUNCTIONS = new Set(['tolower', 'toupper', 'contains', 'startswith', 'endswith', 'substring', 'length', 'trim']);
const LITERALS = [
  /'(?:[^']|'')*'/g, // strings
  /\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b/g, // GUIDs
  /\b\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?/g, // dates and datetimes
  /\b\d+(\.\d+)?\b/g, // numbers
];

export function checkQueryOptions(
  query: ReadonlyMap<string, string>,
  set: EntitySetModel,
  metadata: BcMetadata,
): string[] {
  const problems: string[] = [];
  const schema21 = query.get('$schemaversion') === '2.1';
  for (const [name, value] of query) {
    if (name === '$schemaversion' || name === 'company') continue;
    if (!OPTIONS.has(name)) problems.push(`query option ${name} is not an OData option BC documents`);
    else if (name === '$filter') problems.push(...checkFilter(value, set, schema21));
    else if (name === '$select') problems.push(...checkSelect(value, set));
    else if (name === '$orderby') problems.push(...checkOrderBy(value, set));
    else if (name === '$expand') problems.push(...checkExpand(value, set, metadata));
  }
  return problems;
}

export function checkSelect(value: string, set: EntitySetModel): string[] {
  return value
    .split(',')
    .filter((f) => !set.fields.has(f.trim()))
    .map((f) => `$select names "${f}", not a property of ${set.name}`);
}

function checkOrderBy(value: string, set: EntitySetModel): string[] {
  return value
    .split(',')
    .map((part) => part.trim().split(/\s+/))
    .flatMap(([f = '', dir]) => [
      ...(set.fields.has(f) ? [] : [`$orderby names "${f}", not a property of ${set.name}`]),
      ...(dir === undefined || dir === 'asc' || dir === 'desc' ? [] : [`$orderby direction "${dir}"`]),
    ]);
}

function checkExpand(value: string, set: EntitySetModel, metadata: BcMetadata): string[] {
  return splitTop(value, ',').flatMap((item) => {
    const [, name = '', options] = /^([A-Za-z]+)(?:\((.*)\))?$/.exec(item.trim()) ?? [];
    const navigation = set.navigation.get(name);
    if (!navigation) return [`$expand names "${name}", not a navigation property of ${set.name}`];
    const target = metadata.set(navigation.entitySet);
    if (options === undefined) return [];
    if (!target) return [`$expand options on ${name}, whose entity set is not in the metadata`];
    const nested = new Map(splitTop(options, ';').map((o) => o.split('=', 2) as [string, string]));
    return checkQueryOptions(nested, target, metadata);
  });
}

export function checkFilter(filter: string, set: EntitySetModel, schema21: boolean): string[] {
  const bare = LITERALS.reduce((text, literal) => text.replace(literal, ' 0 '), filter);
  const problems: string[] = [];
  for (const m of bare.matchAll(/[A-Za-z_][A-Za-z0-9_/]*(\s*\()?/g)) {
    const name = m[0].replace(/\s*\($/, '');
    if (KEYWORDS.has(name)) continue;
    if (m[1]) {
      if (!FUNCTIONS.has(name)) problems.push(`$filter calls "${name}", not a function BC documents`);
    } else if (!set.fields.has(name)) {
      problems.push(`$filter names "${name}", not a property of ${set.name}`);
    }
  }
  if (!schema21 && /\sin\s*\(/.test(bare)) problems.push(`$filter uses "in": ${EVIDENCE.inNeedsSchema21}`);
  if (!schema21 && /\b[a-z]+\([^()]*\b[a-z]+\(/i.test(bare))
    problems.push(`nested call: ${EVIDENCE.nestedNeedsSchema21}`);
  return [...problems, ...orAcrossFields(bare, set)];
}

/** An `or` whose operands touch more than one field anywhere in the expression tree. */
function orAcrossFields(expression: string, set: EntitySetModel): string[] {
  const text = stripParens(expression.trim());
  const conjuncts = splitTop(text, ' and ');
  if (conjuncts.length > 1) return conjuncts.flatMap((c) => orAcrossFields(c, set));
  const disjuncts = splitTop(text, ' or ');
  if (disjuncts.length === 1) return [];
  const fields = new Set(
    [...text.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)].map((m) => m[0]).filter((f) => set.fields.has(f)),
  );
  const here = fields.size > 1 ? [`$filter ors ${[...fields].join(' and ')}: ${EVIDENCE.orAcrossFields}`] : [];
  return [...here, ...disjuncts.flatMap((d) => orAcrossFields(d, set))];
}

function stripParens(text: string): string {
  while (text.startsWith('(') && text.endsWith(')') && balanced(text.slice(1, -1))) text = text.slice(1, -1).trim();
  return text;
}

/** True when the parentheses of `text` pair up without closing one that opened outside it. */
function balanced(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
    if (depth < 0) return false;
  }
  return depth === 0;
}

/** Splits at `separator` outside parentheses. */
export function splitTop(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
    if (depth === 0 && text.startsWith(separator, i)) {
      parts.push(text.slice(start, i));
      start = i + separator.length;
      i += separator.length - 1;
    }
  }
  return [...parts, text.slice(start)];
}
