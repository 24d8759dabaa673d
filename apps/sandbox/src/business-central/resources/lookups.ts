import { BcError, dialogError } from '../api/bc-error';
import { BC_DEFAULTS } from '../bc-identity';
import { EMPTY_GUID } from '../model/field-def';
import type { Row, Table, Value } from '../store/table';
import type { RequestContext, WriteInput } from './entity-set';

/** Blank currency code means local currency (LCY); the API shows it as the LCY code with an empty currencyId. */
export function apiCurrencyCode(stored: Value | undefined): string {
  return typeof stored === 'string' && stored !== '' ? stored : BC_DEFAULTS.localCurrency;
}

export function apiCurrencyId(ctx: RequestContext, stored: Value | undefined): string {
  if (typeof stored !== 'string' || stored === '') return EMPTY_GUID;
  return ctx.company.currencies.findBy('code', stored)?.id ?? EMPTY_GUID;
}

export function invalidRelation(field: string, table: string, value: string, related: string): BcError {
  return new BcError(
    400,
    'Internal_InvalidTableRelation',
    `The field ${field} of table ${table} contains a value (${value}) that cannot be found in the related table (${related}).`,
  );
}

/**
 * Resolves `currencyCode`/`currencyId` from a write to the stored code ('' for LCY), or undefined when the body has
 * neither. Sending the LCY code maps back to blank.
 */
export function resolveCurrencyInput(ctx: RequestContext, input: WriteInput, tableCaption: string): string | undefined {
  const code = input.values.get('currencyCode') as string | undefined;
  const id = input.values.get('currencyId') as string | undefined;
  if (code === undefined && id === undefined) return undefined;
  let fromId: string | undefined;
  if (id !== undefined) {
    if (id === EMPTY_GUID) fromId = '';
    else {
      const row = ctx.company.currencies.get(id);
      if (!row) throw dialogError('The "currencyId" does not match to a Currency.');
      fromId = row.data.code as string;
    }
  }
  let fromCode: string | undefined;
  if (code !== undefined) {
    if (code === '' || code === BC_DEFAULTS.localCurrency) fromCode = '';
    else if (!ctx.company.currencies.findBy('code', code)) {
      throw invalidRelation('Currency Code', tableCaption, code, 'Currency');
    } else fromCode = code;
  }
  if (fromId !== undefined && fromCode !== undefined && fromId !== fromCode) {
    throw dialogError('The currency values do not match to a specific Currency.');
  }
  return fromCode ?? fromId;
}

/** A GUID reference to another table (`paymentTermsId`...): empty GUID clears it, unknown ids are refused. */
export function resolveIdRef(table: Table, id: string, field: string, caption: string): Row | undefined {
  if (id === EMPTY_GUID) return undefined;
  const row = table.get(id);
  if (!row) throw dialogError(`The "${field}" does not match to a ${caption}.`);
  return row;
}

/** Copies an id reference from the input when present ('' stands for none). */
export function idRefInput(
  input: WriteInput,
  field: string,
  table: Table,
  caption: string,
): string | undefined {
  const id = input.values.get(field);
  if (typeof id !== 'string') return undefined;
  return resolveIdRef(table, id, field, caption)?.id ?? '';
}

export function stringOf(value: Value | undefined): string {
  return typeof value === 'string' ? value : '';
}
