import { ITEM_LEDGER_ENTRY_FIELDS } from '../model/master-data-fields';
import { EntitySet, projectRow } from './entity-set';

/** APIV2 - Item Ledger Entries: read-only; no location or variant fields in API v2.0. */
export const itemLedgerEntriesSet: EntitySet = {
  name: 'itemLedgerEntries',
  entityType: 'itemLedgerEntry',
  caption: 'Item Ledger Entry',
  fields: ITEM_LEDGER_ENTRY_FIELDS,
  defaultOrder: ['entryNumber'],
  insertAllowed: false,
  modifyAllowed: false,
  deleteAllowed: false,
  table: (ctx) => ctx.company.itemLedgerEntries,
  rows: (ctx) => ctx.company.itemLedgerEntries.all(),
  project: (_ctx, row) => projectRow(ITEM_LEDGER_ENTRY_FIELDS, row),
};
