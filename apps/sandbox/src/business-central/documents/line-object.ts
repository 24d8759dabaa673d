import { Decimal } from '@mlc/platform-money';
import { BcError, dialogError } from '../api/bc-error';
import type { RequestContext, WriteInput } from '../resources/entity-set';
import { stringOf } from '../resources/lookups';
import type { Row, Value } from '../store/table';

/** The item or G/L account a line points at, resolved from itemId, accountId or lineType + lineObjectNumber. */
export interface LineObject {
  readonly lineType: string;
  readonly item?: Row;
  readonly account?: Row;
  readonly number: string;
}

function fieldError(field: string, expected: string, table: string, number: string, current: string): BcError {
  return new BcError(
    400,
    'Application_FieldValidationException',
    `${field} must be equal to '${expected}'  in ${table}: No.=${number}. Current value is '${current}'.`,
  );
}

function recordNotFound(table: string, number: string): BcError {
  return new BcError(
    404,
    'Internal_RecordNotFound',
    `The ${table} does not exist. Identification fields and values: No.='${number}'`,
  );
}

/** Reads the object a new line refers to; undefined values mean the body did not name one. */
export function resolveLineObject(ctx: RequestContext, input: WriteInput): LineObject | undefined {
  const itemId = input.values.get('itemId') as string | undefined;
  const accountId = input.values.get('accountId') as string | undefined;
  const lineType = input.values.get('lineType') as string | undefined;
  const number = input.values.get('lineObjectNumber') as string | undefined;
  if (itemId !== undefined && accountId !== undefined) {
    throw dialogError('Both "itemId" and "accountId" are specified. Specify only one of them.');
  }
  if (itemId !== undefined) {
    const item = ctx.company.items.get(itemId);
    if (!item) throw dialogError('Item does not exist.');
    return checkItem({ lineType: 'Item', item, number: String(item.data.number) });
  }
  if (accountId !== undefined) {
    const account = ctx.company.accounts.get(accountId);
    if (!account) throw dialogError('Account does not exist.');
    return checkAccount({ lineType: 'Account', account, number: String(account.data.number) });
  }
  if (lineType === undefined && number === undefined) return undefined;
  const type = lineType ?? 'Comment';
  if (number === undefined || number === '') return { lineType: type, number: '' };
  switch (type) {
    case 'Item': {
      const item = ctx.company.items.findBy('number', number);
      if (!item) throw recordNotFound('Item', number);
      return checkItem({ lineType: type, item, number });
    }
    case 'Account': {
      const account = ctx.company.accounts.findBy('number', number);
      if (!account) throw recordNotFound('G/L Account', number);
      return checkAccount({ lineType: type, account, number });
    }
    case 'Comment':
      throw dialogError('You must specify a "lineType" other than Comment to set the "lineObjectNumber".');
    default:
      throw recordNotFound(type, number);
  }
}

function checkItem(object: LineObject): LineObject {
  if (object.item?.data.blocked === true) throw fieldError('Blocked', 'No', 'Item', object.number, 'Yes');
  return object;
}

function checkAccount(object: LineObject): LineObject {
  const data = object.account!.data;
  if (data.accountType !== 'Posting') {
    throw fieldError('Account Type', 'Posting', 'G/L Account', object.number, String(data.accountType));
  }
  if (data.blocked === true) throw fieldError('Blocked', 'No', 'G/L Account', object.number, 'Yes');
  if (data.directPosting !== true) throw fieldError('Direct Posting', 'Yes', 'G/L Account', object.number, 'No');
  return object;
}

/** Line defaults BC takes from the item or account: description, unit of measure, price (in the document currency), tax group. */
export function objectDefaults(ctx: RequestContext, header: Row, object: LineObject): Record<string, Value> {
  const base: Record<string, Value> = {
    lineType: object.lineType,
    lineObjectNumber: object.number,
    itemId: object.item?.id ?? '',
    accountId: object.account?.id ?? '',
  };
  if (object.item) {
    const uom = ctx.company.unitsOfMeasure.findBy('code', stringOf(object.item.data.baseUnitOfMeasureCode));
    return {
      ...base,
      description: stringOf(object.item.data.displayName),
      unitOfMeasureCode: stringOf(object.item.data.baseUnitOfMeasureCode),
      unitOfMeasureId: uom?.id ?? '',
      unitPrice: priceInDocumentCurrency(ctx, header, object.item.data.unitPrice),
      taxCode: stringOf(object.item.data.taxGroupCode),
    };
  }
  if (object.account) {
    return {
      ...base,
      description: stringOf(object.account.data.displayName),
      unitPrice: Decimal.ZERO,
      taxCode: stringOf(object.account.data.taxGroupCode),
    };
  }
  return base;
}

function priceInDocumentCurrency(ctx: RequestContext, header: Row, price: Value | undefined): Decimal {
  const lcyPrice = price instanceof Decimal ? price : Decimal.ZERO;
  const currency = stringOf(header.data.currencyCode);
  if (currency === '') return lcyPrice;
  const rate = ctx.env.settings.exchangeRates[currency];
  return rate ? lcyPrice.times(rate).round(5) : lcyPrice;
}
