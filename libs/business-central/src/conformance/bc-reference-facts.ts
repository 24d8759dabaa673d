import { readFileSync } from 'node:fs';
import { BcMetadata } from './bc-metadata';
import { requireReference } from './shared-reference.config';

/*
 * Facts the metadata file does not carry, read from `reference/business-central.md` at test time:
 * - the service root template (section 1);
 * - documented field lengths (`displayName (Text[100])`, `city (30)`, `gtin (Code[14], ...)`) and enum members
 *   (``type enum `"Company"|"Person"` ``) of section 2, scoped to the entity-set paragraph that states them, and
 *   global statements such as "externalDocumentNumber is Code[35]" (section 8);
 * - the exact sentences behind each rule the checker enforces (`EVIDENCE`): a rule whose sentence is not in the
 *   reference fails its own test, so no rule exists that the reference does not state.
 * A length or enum stated for one set's field also holds for every set reading the same table field (same
 * SourceTable and AL source), e.g. the three sales line pages over "Sales Invoice Line Aggregate".
 */

export const EVIDENCE = {
  serviceRoot: 'Service root: `https://api.businesscentral.dynamics.com/v2.0/{tenantId}/{environmentName}/api/v2.0/`',
  bearer: 'Bearer token on every call: `Authorization: Bearer <token>`',
  bareGuidKeys: '(GUID keys are NOT quoted)',
  quotedStringKey: 'Key is a **string**',
  companiesGetOnly: 'GET only (POST → 405 `BadRequest_MethodNotAllowed`)',
  patchIfMatch: 'PATCH **requires** `If-Match`',
  deleteIfMatch: 'DELETE: docs say If-Match required',
  actionEmptyBody: 'empty body, success **204 No Content, empty body**',
  deepInsert: 'deep insert on POST is supported',
  noDeepPatch: 'No deep PATCH',
  readReplicaOnGets: '`Data-Access-Intent: ReadOnly` on GETs (reads replica; rejected on writes)',
  maxPageSize: 'max **20,000** entities per page',
  orAcrossFields: "The 'OR' operator is not supported on distinct fields",
  inNeedsSchema21: 'only works with `$schemaversion=2.1`',
  nestedNeedsSchema21: "Nested functions (`contains(tolower(x),'y')`) also need 2.1",
  itemAndAccount: 'Both "itemId" and "accountId" are specified. Specify only one of them.',
  customerRequired: 'A "customerNumber" or a "customerId" must be provided.',
  inventoryOnInsert: 'POST with inventory → error "Inventory cannot be changed during on insert."',
} as const;

export type EvidenceKey = keyof typeof EVIDENCE;

type PerSet<T> = ReadonlyMap<string, ReadonlyMap<string, T>>;

export interface ReferenceFacts {
  /** Whitespace-normalised reference text. */
  readonly text: string;
  /** `https://api.businesscentral.dynamics.com/v2.0/{tenantId}/{environmentName}/api/v2.0/`. */
  readonly serviceRoot: string;
  readonly maxLengths: PerSet<number>;
  readonly enums: PerSet<readonly string[]>;
  /** True when the reference states this rule's sentence. */
  states(rule: EvidenceKey): boolean;
}

export function loadReferenceFacts(metadata: BcMetadata): ReferenceFacts {
  return referenceFacts(readFileSync(requireReference('business-central.md'), 'utf8'), metadata);
}

export function referenceFacts(markdown: string, metadata: BcMetadata): ReferenceFacts {
  const text = markdown.replace(/\s+/g, ' ');
  const root = /Service root: `([^`]+)`/.exec(text)?.[1];
  if (!root) throw new Error('business-central.md states no service root');
  const maxLengths = new Map<string, Map<string, number>>();
  const enums = new Map<string, Map<string, readonly string[]>>();
  for (const [set, paragraph] of entityParagraphs(section(text, '2'), metadata)) {
    for (const [field, max] of lengthsIn(paragraph)) put(maxLengths, set, field, max);
    for (const [field, values] of enumsIn(paragraph)) put(enums, set, field, values);
  }
  for (const m of section(text, '8').matchAll(/(?<![`\w])([a-z][A-Za-z0-9]*) is (?:Code|Text)\[(\d+)\]/g)) {
    for (const set of metadata.sets.values())
      if (set.fields.has(m[1] ?? '')) put(maxLengths, set.name, m[1] ?? '', Number(m[2]));
  }
  spreadBySourceField(maxLengths, metadata);
  spreadBySourceField(enums, metadata);
  return { text, serviceRoot: root, maxLengths, enums, states: (rule) => text.includes(EVIDENCE[rule]) };
}

/** `## N.` up to the next `## ` heading. */
function section(text: string, number: string): string {
  const start = text.indexOf(`## ${number}. `);
  if (start < 0) throw new Error(`business-central.md has no section ${number}`);
  const end = text.indexOf(' ## ', start + 4);
  return text.slice(start, end < 0 ? undefined : end);
}

/** Splits a section at `**<entitySet>**` markers; each paragraph belongs to that set. */
function entityParagraphs(text: string, metadata: BcMetadata): Array<[string, string]> {
  const marks = [...text.matchAll(/\*\*([A-Za-z]+)\*\*/g)].filter((m) => metadata.sets.has(m[1] ?? ''));
  return marks.map((m, i) => [m[1] ?? '', text.slice((m.index ?? 0) + m[0].length, marks[i + 1]?.index)]);
}

function lengthsIn(paragraph: string): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  const plain = paragraph.replace(/\*\*/g, '');
  for (const m of plain.matchAll(/\b([a-z][A-Za-z0-9]*)(?: [a-z]+)? \(([^()]*)\)/g)) {
    const inside = m[2] ?? '';
    const typed = /\b(?:Text|Code)\[(\d+)\]/.exec(inside)?.[1];
    const bare = /^\d{1,4}$/.test(inside) ? inside : undefined;
    const max = typed ?? bare;
    if (max !== undefined) out.push([m[1] ?? '', Number(max)]);
  }
  return out;
}

function enumsIn(paragraph: string): Array<[string, string[]]> {
  return [...paragraph.matchAll(/\b([a-z][A-Za-z0-9]*)(?: RO)? enum `([^`]+)`/g)].map((m) => [
    m[1] ?? '',
    (m[2] ?? '').split('|').map((v) => v.replace(/^"|"$/g, '')),
  ]);
}

function put<T>(map: Map<string, Map<string, T>>, set: string, field: string, value: T): void {
  const fields = map.get(set) ?? new Map<string, T>();
  fields.set(field, value);
  map.set(set, fields);
}

function spreadBySourceField<T>(facts: Map<string, Map<string, T>>, metadata: BcMetadata): void {
  const bySource = new Map<string, T>();
  const sourceOf = (set: string, field: string) => {
    const model = metadata.set(set);
    const alSource = model?.fields.get(field)?.alSource;
    return model?.sourceTable && alSource ? `${model.sourceTable}|${alSource}` : undefined;
  };
  for (const [set, fields] of facts) {
    for (const [field, value] of fields) {
      const source = sourceOf(set, field);
      if (source) bySource.set(source, value);
    }
  }
  for (const set of metadata.sets.values()) {
    for (const field of set.fields.values()) {
      const value = bySource.get(sourceOf(set.name, field.name) ?? '');
      if (value !== undefined && !facts.get(set.name)?.has(field.name)) put(facts, set.name, field.name, value);
    }
  }
}
