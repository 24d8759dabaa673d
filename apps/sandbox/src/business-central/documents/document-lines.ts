import { Decimal } from '@mlc/platform-money';
import { BcError, dialogError } from '../api/bc-error';
import { EMPTY_GUID } from '../model/field-def';
import { Entity, projectRow, RequestContext, WriteInput } from '../resources/entity-set';
import { idRefInput, invalidRelation, stringOf } from '../resources/lookups';
import type { Row, Value } from '../store/table';
import { amountPlaces, LINE_AMOUNT_FIELDS } from './document-calc';
import { amountsOf, assertDiscountFits, assertDraft, linesOf } from './document-header';
import type { DocumentKind } from './document-kind';
import { objectDefaults, resolveLineObject } from './line-object';

/** Fields with their own handling; the rest (descriptions, dates) are stored as sent. */
const SPECIAL = new Set([
  'documentId',
  'sequence',
  'itemId',
  'accountId',
  'lineType',
  'lineObjectNumber',
  'discountAmount',
  'discountPercent',
  'taxCode',
  'unitOfMeasureId',
  'unitOfMeasureCode',
  'itemVariantId',
  'locationId',
  'shippedQuantity',
  'invoicedQuantity',
  'shipQuantity',
  'invoiceQuantity',
]);
const ZERO = Decimal.ZERO;
const dec = (v: Value | undefined): Decimal => (v instanceof Decimal ? v : ZERO);

export function headerOfLine(ctx: RequestContext, kind: DocumentKind, line: Row): Row {
  return kind.headers(ctx.company).get(String(line.data.documentId))!;
}

/** A new line: sequence defaults to last + 10000; item/account defaults first, then the body's values. */
export function createLine(ctx: RequestContext, kind: DocumentKind, header: Row, input: WriteInput): Row {
  assertDraft(kind, header);
  const lines = linesOf(ctx, kind, header);
  const sequence = (input.values.get('sequence') as number | undefined) ?? lastSequence(lines) + 10000;
  if (lines.some((l) => l.data.sequence === sequence)) {
    throw new BcError(
      409,
      'Internal_EntityWithSameKeyExists',
      `The record in table Sales Line already exists. Identification fields and values: Document No.='${String(header.data.number)}',Line No.='${sequence}'`,
    );
  }
  const object = resolveLineObject(ctx, input);
  const start: Record<string, Value> = {
    documentId: header.id,
    sequence,
    lineType: 'Comment',
    quantity: ZERO,
    unitPrice: ZERO,
    discountAmount: ZERO,
    discountPercent: ZERO,
    ...(object ? objectDefaults(ctx, header, object) : {}),
  };
  if (kind.kind === 'order') Object.assign(start, { shippedQuantity: ZERO, invoicedQuantity: ZERO });
  const data = { ...start, ...valueChanges(ctx, kind, header, start, input) };
  const line = kind.lines(ctx.company).insert(data);
  kind.headers(ctx.company).touch(header);
  assertDiscountFits(ctx, kind, header);
  return line;
}

export function updateLine(ctx: RequestContext, kind: DocumentKind, line: Row, input: WriteInput): void {
  const header = headerOfLine(ctx, kind, line);
  assertDraft(kind, header);
  const sequence = input.values.get('sequence');
  if (sequence !== undefined && sequence !== line.data.sequence) throw dialogError('The "sequence" cannot be changed.');
  for (const field of ['itemId', 'accountId', 'lineObjectNumber', 'lineType']) {
    const value = input.values.get(field);
    if (value !== undefined && value !== line.data[field]) {
      throw dialogError(`The "${field}" of an existing line cannot be changed. Delete the line and add a new one.`);
    }
  }
  const changed = kind.lines(ctx.company).patch(line, valueChanges(ctx, kind, header, line.data, input));
  if (changed) kind.headers(ctx.company).touch(header);
  assertDiscountFits(ctx, kind, header);
}

export function deleteLine(ctx: RequestContext, kind: DocumentKind, line: Row): void {
  const header = headerOfLine(ctx, kind, line);
  assertDraft(kind, header);
  kind.lines(ctx.company).delete(line);
  kind.headers(ctx.company).touch(header);
  assertDiscountFits(ctx, kind, header);
}

function lastSequence(lines: Row[]): number {
  return lines.reduce((max, l) => Math.max(max, Number(l.data.sequence)), 0);
}

function valueChanges(
  ctx: RequestContext,
  kind: DocumentKind,
  header: Row,
  current: Record<string, Value>,
  input: WriteInput,
): Record<string, Value> {
  const changes: Record<string, Value> = {};
  for (const [key, value] of input.values) if (!SPECIAL.has(key)) changes[key] = value;
  if (current.lineType === 'Comment' && (dec(changes.quantity).isZero() === false || dec(changes.unitPrice).isZero() === false)) {
    throw dialogError('A comment line cannot have a quantity or a unit price.');
  }
  Object.assign(changes, referenceChanges(ctx, current, input));
  const merged = { ...current, ...changes };
  Object.assign(changes, discountChanges(merged, input, amountPlaces(ctx, stringOf(header.data.currencyCode))));
  if (kind.kind === 'order') Object.assign(changes, quantityChanges({ ...merged, ...changes }, input));
  return changes;
}

function referenceChanges(ctx: RequestContext, current: Record<string, Value>, input: WriteInput): Record<string, Value> {
  const changes: Record<string, Value> = {};
  const taxCode = input.values.get('taxCode') as string | undefined;
  if (taxCode !== undefined) {
    if (taxCode !== '' && !ctx.company.taxGroups.findBy('code', taxCode)) {
      throw invalidRelation('Tax Group Code', 'Sales Line', taxCode, 'Tax Group');
    }
    changes.taxCode = taxCode;
  }
  const uomCode = input.values.get('unitOfMeasureCode') as string | undefined;
  if (uomCode !== undefined) {
    const uom = uomCode === '' ? undefined : ctx.company.unitsOfMeasure.findBy('code', uomCode);
    if (uomCode !== '' && !uom) throw invalidRelation('Unit of Measure Code', 'Sales Line', uomCode, 'Unit of Measure');
    Object.assign(changes, { unitOfMeasureCode: uomCode, unitOfMeasureId: uom?.id ?? '' });
  }
  const uomId = idRefInput(input, 'unitOfMeasureId', ctx.company.unitsOfMeasure, 'Unit of Measure');
  if (uomId !== undefined) {
    Object.assign(changes, { unitOfMeasureId: uomId, unitOfMeasureCode: stringOf(ctx.company.unitsOfMeasure.get(uomId)?.data.code) });
  }
  const variantId = input.values.get('itemVariantId') as string | undefined;
  if (variantId !== undefined) {
    const variant = ctx.company.itemVariants.get(variantId);
    if (variantId !== EMPTY_GUID && (!variant || variant.data.itemId !== current.itemId)) {
      throw dialogError('The "itemVariantId" does not match to an Item Variant.');
    }
    changes.itemVariantId = variant?.id ?? '';
  }
  const locationId = idRefInput(input, 'locationId', ctx.company.locations, 'Location');
  if (locationId !== undefined) changes.locationId = locationId;
  return changes;
}

/** Line discount: a percent sets the amount; an amount sets the percent; a kept percent follows price and quantity. */
function discountChanges(merged: Record<string, Value>, input: WriteInput, places: number): Record<string, Value> {
  const base = dec(merged.quantity).times(dec(merged.unitPrice)).round(places);
  const percent = input.values.get('discountPercent');
  const amount = input.values.get('discountAmount');
  if (percent instanceof Decimal) {
    if (percent.isNegative() || percent.gt(100)) {
      throw dialogError(`The value must be greater than or equal to 0 and less than or equal to 100. Value: ${percent.toString()}`);
    }
    return { discountPercent: percent, discountAmount: base.times(percent).dividedBy(100).round(places) };
  }
  if (amount instanceof Decimal) {
    if (!base.isNegative() && (amount.isNegative() || amount.gt(base))) {
      throw dialogError(`The line discount amount must be between 0 and ${base.toFixed(places)}.`);
    }
    const pct = base.isZero() ? ZERO : amount.times(100).dividedBy(base).round(5);
    return { discountAmount: amount.round(places), discountPercent: pct };
  }
  const kept = dec(merged.discountPercent);
  if (kept.isZero()) return {};
  return { discountAmount: base.times(kept).dividedBy(100).round(places) };
}

/** Order lines: ship/invoice quantities default to what is outstanding and can never exceed it. */
function quantityChanges(merged: Record<string, Value>, input: WriteInput): Record<string, Value> {
  for (const field of ['shippedQuantity', 'invoicedQuantity']) {
    const value = input.values.get(field);
    if (value instanceof Decimal && !value.eq(dec(merged[field]))) {
      throw dialogError(`The "${field}" is updated by posting and cannot be set.`);
    }
  }
  const quantity = dec(merged.quantity);
  const shipped = dec(merged.shippedQuantity);
  const invoiced = dec(merged.invoicedQuantity);
  if (quantity.lt(shipped)) throw dialogError(`Quantity cannot be less than the shipped quantity ${shipped.toString()}.`);
  const ship = input.values.get('shipQuantity');
  const invoice = input.values.get('invoiceQuantity');
  const toShip = ship instanceof Decimal ? ship : quantity.minus(shipped);
  const toInvoice = invoice instanceof Decimal ? invoice : quantity.minus(invoiced);
  if (toShip.gt(quantity.minus(shipped)) || toShip.isNegative()) {
    throw dialogError(`You cannot ship more than ${quantity.minus(shipped).toString()} units.`);
  }
  if (toInvoice.gt(quantity.minus(invoiced)) || toInvoice.isNegative()) {
    throw dialogError(`You cannot invoice more than ${quantity.minus(invoiced).toString()} units.`);
  }
  return { shipQuantity: toShip, invoiceQuantity: toInvoice };
}

export function projectLine(ctx: RequestContext, kind: DocumentKind, line: Row): Entity {
  const header = headerOfLine(ctx, kind, line);
  const amounts = header ? amountsOf(ctx, kind, header).lines.get(line.id) : undefined;
  const computed: Record<string, Value> = { discountAppliedBeforeTax: true };
  for (const field of LINE_AMOUNT_FIELDS) computed[field] = amounts?.[field] ?? ZERO;
  return projectRow(kind.lineFields, line, computed);
}
