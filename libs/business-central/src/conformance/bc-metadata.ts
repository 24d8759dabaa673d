import { readFileSync } from 'node:fs';
import { requireReference } from './shared-reference.config';

/*
 * The API page definitions of `reference/business-central/apiv2-entities.json`: per entity set its fields (type,
 * read-only flag, AL source), navigation parts, bound actions and the page's insert/modify/delete flags. Entity
 * sets that are platform (system) entities rather than AL pages (companies, subscriptions) live at the environment
 * root; every AL page is company-scoped. A page's key is the field bound to its ODataKeyFields (`Rec.SystemId` or
 * `Rec.Id`, i.e. `id`); a platform entity lists its key first (`id`, `subscriptionId`).
 */

export interface FieldModel {
  readonly name: string;
  /** `GUID`, `string`, `decimal`, `date`, `datetime`, `boolean`, `integer`, `int64` or an enum type `NAV.*`. */
  readonly type: string;
  readonly readOnly: boolean;
  readonly alSource?: string;
}

export interface NavigationModel {
  readonly name: string;
  readonly entitySet: string;
  readonly multiplicity: string;
}

export interface EntitySetModel {
  readonly name: string;
  readonly sourceTable?: string;
  readonly fields: ReadonlyMap<string, FieldModel>;
  readonly navigation: ReadonlyMap<string, NavigationModel>;
  readonly actions: ReadonlySet<string>;
  readonly environmentLevel: boolean;
  readonly key: FieldModel;
  readonly insertAllowed: boolean;
  readonly modifyAllowed: boolean;
  readonly deleteAllowed: boolean;
}

interface RawField {
  readonly name: string;
  readonly type?: string;
  readonly readOnly?: boolean;
  readonly alSource?: string;
}

interface RawSet {
  readonly alPage?: string;
  readonly SourceTable?: string;
  readonly ODataKeyFields?: string;
  readonly InsertAllowed?: string;
  readonly ModifyAllowed?: string;
  readonly DeleteAllowed?: string;
  readonly Editable?: string;
  readonly note?: string;
  readonly fields?: readonly RawField[];
  readonly navigationParts?: readonly NavigationModel[];
  readonly boundActions?: readonly string[];
}

export interface RawMetadata {
  readonly entitySets: Readonly<Record<string, RawSet>>;
}

export class BcMetadata {
  readonly sets: ReadonlyMap<string, EntitySetModel>;

  constructor(raw: RawMetadata) {
    this.sets = new Map(Object.entries(raw.entitySets).map(([name, set]) => [name, entitySet(name, set)]));
  }

  static loadOfficial(): BcMetadata {
    return new BcMetadata(loadOfficialMetadata());
  }

  set(name: string): EntitySetModel | undefined {
    return this.sets.get(name);
  }
}

export function loadOfficialMetadata(): RawMetadata {
  const path = requireReference('business-central/apiv2-entities.json');
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Partial<RawMetadata>;
  if (!raw.entitySets || Object.keys(raw.entitySets).length === 0) throw new Error(`${path} lists no entitySets`);
  return raw as RawMetadata;
}

function entitySet(name: string, raw: RawSet): EntitySetModel {
  const fields = (raw.fields ?? []).map((f): FieldModel => ({
    name: f.name,
    type: f.type ?? 'string',
    readOnly: f.readOnly === true,
    alSource: f.alSource,
  }));
  const first = fields[0];
  if (!first) throw new Error(`entity set ${name} has no fields in the metadata`);
  const keySource = raw.ODataKeyFields ? `Rec.${raw.ODataKeyFields}` : undefined;
  const editable = raw.Editable !== 'false';
  return {
    name,
    sourceTable: raw.SourceTable,
    fields: new Map(fields.map((f) => [f.name, f])),
    navigation: new Map((raw.navigationParts ?? []).map((n) => [n.name, n])),
    actions: new Set(raw.boundActions ?? []),
    environmentLevel: raw.alPage === undefined && /platform \(system\) entity/.test(raw.note ?? ''),
    key: fields.find((f) => keySource !== undefined && f.alSource === keySource) ?? first,
    insertAllowed: editable && raw.InsertAllowed !== 'false',
    modifyAllowed: editable && raw.ModifyAllowed !== 'false',
    deleteAllowed: editable && raw.DeleteAllowed !== 'false',
  };
}
