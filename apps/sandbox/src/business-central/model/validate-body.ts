import { Decimal } from '@mlc/platform-money';
import { badRequest, readOnlyField, stringTooLong } from '../api/bc-error';
import type { EntitySet, WriteInput } from '../resources/entity-set';
import type { Value } from '../store/table';
import { FieldDef, GUID_PATTERN } from './field-def';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Checks a POST/PATCH body against the entity's metadata the way the OData layer and the page do: unknown
 * properties and read-only fields are refused, values must have the property's type, Code fields are uppercased and
 * every string must fit its field length. Annotations (`@odata.etag`) are ignored.
 */
export function validateBody(set: EntitySet, body: unknown, allowParts: boolean): WriteInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('Invalid Request Body');
  }
  const values = new Map<string, Value>();
  const parts = new Map<string, unknown[]>();
  const byName = new Map(set.fields.map((f) => [f.name, f]));
  for (const [key, raw] of Object.entries(body as Record<string, unknown>)) {
    if (key.startsWith('@')) continue;
    const navigation = set.navigations?.[key];
    if (navigation?.parentField && allowParts) {
      if (!Array.isArray(raw)) throw badRequest(`The property '${key}' must be an array of entities.`);
      parts.set(key, raw);
      continue;
    }
    const field = byName.get(key);
    if (!field) {
      throw badRequest(
        `The property '${key}' does not exist on type 'Microsoft.NAV.${set.entityType}'. Make sure to only use property names that are defined by the type.`,
      );
    }
    if (field.readOnly) throw readOnlyField(key);
    values.set(key, convert(field, raw));
  }
  return { values, parts };
}

/** Converts one JSON value to the stored representation of a field, or throws BC's error for it. */
export function convert(field: FieldDef, raw: unknown): Value {
  if (raw === null || raw === undefined) {
    throw badRequest(
      `A null value was found for the property named '${field.name}', which has the expected type '${field.edmType}[Nullable=False]'. The expected type '${field.edmType}[Nullable=False]' does not allow null values.`,
    );
  }
  const invalid = () => badRequest(`Cannot convert the literal '${String(raw)}' to the expected type '${field.edmType}'.`);
  switch (field.type) {
    case 'guid':
      if (typeof raw !== 'string' || !GUID_PATTERN.test(raw)) throw invalid();
      return raw.toLowerCase();
    case 'code':
    case 'text': {
      if (typeof raw !== 'string') throw invalid();
      if (field.maxLength !== undefined && raw.length > field.maxLength) throw stringTooLong(raw.length, field.maxLength);
      return field.type === 'code' ? raw.toUpperCase() : raw;
    }
    case 'decimal':
      if (typeof raw !== 'number' || !Number.isFinite(raw)) throw invalid();
      return Decimal.fromWireNumber(raw);
    case 'integer':
    case 'int64':
      if (typeof raw !== 'number' || !Number.isInteger(raw)) throw invalid();
      return raw;
    case 'boolean':
      if (typeof raw !== 'boolean') throw invalid();
      return raw;
    case 'date':
      if (typeof raw !== 'string' || !DATE.test(raw) || Number.isNaN(Date.parse(raw))) throw invalid();
      return raw;
    case 'datetime':
      if (typeof raw !== 'string' || !DATETIME.test(raw) || Number.isNaN(Date.parse(raw))) throw invalid();
      return new Date(raw).toISOString();
    case 'enum':
      if (typeof raw !== 'string' || !field.values?.includes(raw)) {
        throw enumError(field, String(raw));
      }
      return raw;
  }
}

function enumError(field: FieldDef, value: string) {
  const valid = (field.values ?? []).map((v) => `'${v}'`).join(', ');
  return badRequest(
    `The value "${value}" is not a valid value for '${field.name}'. Valid values: ${valid}.`,
    'Application_EvaluateException',
  );
}
