import { BcMetadata, EntitySetModel, FieldModel } from './bc-metadata';
import { EVIDENCE, ReferenceFacts } from './bc-reference-facts';

/*
 * The JSON body of a POST or PATCH against the entity set it writes: every key is a property of the set that the
 * page does not mark read-only, with a value of the metadata's type, within the documented length and among the
 * documented enum members; a deep-inserted collection (POST only) is a `Many` navigation property whose target set
 * is checked the same way, line by line. Rules the reference states for write bodies are applied last.
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

export interface BodyContext {
  readonly metadata: BcMetadata;
  readonly facts: ReferenceFacts;
}

export function checkBody(method: 'POST' | 'PATCH', set: EntitySetModel, body: unknown, ctx: BodyContext): string[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return [`${set.name} body is not a JSON object`];
  return [...checkRecord(method, set, body as Record<string, unknown>, set.name, ctx), ...bodyRules(method, set, body)];
}

function checkRecord(
  method: 'POST' | 'PATCH',
  set: EntitySetModel,
  record: Record<string, unknown>,
  where: string,
  ctx: BodyContext,
): string[] {
  return Object.entries(record).flatMap(([name, value]) => {
    const field = set.fields.get(name);
    if (field) return checkField(set, field, value, `${where}.${name}`, ctx);
    const navigation = set.navigation.get(name);
    if (!navigation) return [`${where}.${name} is not a property of ${set.name}`];
    if (method === 'PATCH') return [`${where}.${name}: ${EVIDENCE.noDeepPatch}`];
    const target = ctx.metadata.set(navigation.entitySet);
    if (navigation.multiplicity !== 'Many' || !target || !Array.isArray(value)) {
      return [`${where}.${name} is not a deep-insertable collection of ${set.name}`];
    }
    return value.flatMap((line, i) => {
      const at = `${where}.${name}[${i}]`;
      if (typeof line !== 'object' || line === null || Array.isArray(line)) return [`${at} is not an object`];
      return [
        ...checkRecord('POST', target, line as Record<string, unknown>, at, ctx),
        ...bodyRules('POST', target, line),
      ];
    });
  });
}

function checkField(set: EntitySetModel, field: FieldModel, value: unknown, where: string, ctx: BodyContext): string[] {
  if (field.readOnly) return [`${where} is read-only in the ${set.name} page`];
  const problems = typeProblems(field, value).map((p) => `${where} ${p}`);
  const max = ctx.facts.maxLengths.get(set.name)?.get(field.name);
  if (typeof value === 'string' && max !== undefined && value.length > max) {
    problems.push(`${where} is ${value.length} characters; the reference documents at most ${max}`);
  }
  const members = ctx.facts.enums.get(set.name)?.get(field.name);
  if (typeof value === 'string' && members && !members.includes(value)) {
    problems.push(`${where} "${value}" is not one of ${members.map((m) => `"${m}"`).join(', ')}`);
  }
  return problems;
}

function typeProblems(field: FieldModel, value: unknown): string[] {
  switch (field.type) {
    case 'GUID':
      return typeof value === 'string' && GUID.test(value) ? [] : ['must be a lower-case GUID'];
    case 'date':
      return typeof value === 'string' && DATE.test(value) ? [] : ['must be a YYYY-MM-DD date'];
    case 'datetime':
      return typeof value === 'string' && DATETIME.test(value) ? [] : ['must be a UTC ISO date-time'];
    case 'decimal':
      return typeof value === 'number' && Number.isFinite(value) ? [] : ['must be a JSON number'];
    case 'integer':
    case 'int64':
      return Number.isSafeInteger(value) ? [] : ['must be an integer'];
    case 'boolean':
      return typeof value === 'boolean' ? [] : ['must be a boolean'];
    default:
      return typeof value === 'string' ? [] : [`must be a string (${field.type})`];
  }
}

/** Write rules the reference states, beyond the metadata's flags. */
function bodyRules(method: 'POST' | 'PATCH', set: EntitySetModel, body: object): string[] {
  const has = (name: string) => name in body && (body as Record<string, unknown>)[name] !== undefined;
  const problems: string[] = [];
  if (has('itemId') && has('accountId')) problems.push(`${set.name} line: ${EVIDENCE.itemAndAccount}`);
  const salesDocument = set.navigation.has(`${set.name.replace(/s$/, '')}Lines`) && set.fields.has('customerId');
  if (method === 'POST' && salesDocument && !has('customerId') && !has('customerNumber')) {
    problems.push(`${set.name}: ${EVIDENCE.customerRequired}`);
  }
  if (method === 'POST' && set.name === 'items' && has('inventory')) problems.push(EVIDENCE.inventoryOnInsert);
  return problems;
}
