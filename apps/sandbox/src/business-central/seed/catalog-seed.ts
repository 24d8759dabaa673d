import { Decimal } from '@mlc/platform-money';
import type { SeedCatalog } from '../../core/seed';
import { postItemLedgerEntry } from '../documents/item-ledger';
import { stableGuid } from '../model/stable-guid';
import type { RequestContext } from '../resources/entity-set';

interface SellableSku {
  readonly sku: string;
  readonly name: string;
  readonly price: string;
  readonly inventory: number;
}

function sellable(catalog: SeedCatalog): SellableSku[] {
  return catalog.products.flatMap((p) =>
    p.variants.length > 0
      ? p.variants.map((v) => ({ sku: v.sku, name: `${p.name} ${v.optionLabel}`, price: v.price, inventory: v.inventory }))
      : [{ sku: p.sku, name: p.name, price: p.price, inventory: p.inventory }],
  );
}

/**
 * One BC item per sellable store SKU (variant SKUs, or the product's when it has none), numbered by the SKU in
 * uppercase, with the store's price and an opening stock adjustment; one customer per seeded shopper.
 */
export function seedCatalog(ctx: RequestContext, catalog: SeedCatalog): void {
  const { company } = ctx;
  const pcs = company.unitsOfMeasure.findBy('code', 'PCS');
  const taxable = company.taxGroups.findBy('code', 'TAXABLE');
  const misc = company.itemCategories.findBy('code', 'MISC');
  for (const entry of sellable(catalog)) {
    const number = entry.sku.toUpperCase().slice(0, 20);
    const price = Decimal.parse(entry.price).round(2);
    const item = company.items.insert(
      {
        number,
        displayName: entry.name.slice(0, 100),
        displayName2: '',
        type: 'Inventory',
        itemCategoryId: misc?.id ?? '',
        itemCategoryCode: 'MISC',
        blocked: false,
        gtin: '',
        inventory: Decimal.ZERO,
        unitPrice: price,
        priceIncludesTax: false,
        unitCost: price.times('0.6').round(2),
        taxGroupId: taxable?.id ?? '',
        taxGroupCode: 'TAXABLE',
        baseUnitOfMeasureId: pcs?.id ?? '',
        baseUnitOfMeasureCode: 'PCS',
        generalProductPostingGroupId: stableGuid('genProdPostingGroup:RETAIL'),
        generalProductPostingGroupCode: 'RETAIL',
        inventoryPostingGroupId: stableGuid('inventoryPostingGroup:RESALE'),
        inventoryPostingGroupCode: 'RESALE',
      },
      stableGuid(`item:${number}`),
    );
    if (entry.inventory > 0) {
      postItemLedgerEntry(ctx, item, {
        entryType: 'Positive Adjmt.',
        quantity: Decimal.from(entry.inventory),
        postingDate: ctx.env.today(),
        documentType: ' ',
        documentNumber: 'OPENING',
        sourceType: ' ',
        sourceNumber: '',
        description: 'Opening balance',
        salesAmount: Decimal.ZERO,
      });
    }
  }
  seedCustomers(ctx, catalog);
}

function seedCustomers(ctx: RequestContext, catalog: SeedCatalog): void {
  const { company } = ctx;
  const austin = company.taxAreas.findBy('code', 'TX-AUSTIN');
  const cod = company.paymentTerms.findBy('code', 'COD');
  for (const customer of catalog.customers) {
    const number = company.series.next('customer');
    const person = `${customer.firstName} ${customer.lastName}`;
    company.customers.insert(
      {
        number,
        displayName: (customer.company || person).slice(0, 100),
        type: customer.company ? 'Company' : 'Person',
        addressLine1: customer.address.line1,
        addressLine2: '',
        city: customer.address.city,
        state: customer.address.state,
        country: customer.address.countryIso2.toUpperCase(),
        postalCode: customer.address.postalCode,
        phoneNumber: customer.phone,
        email: customer.email,
        website: '',
        salespersonCode: '',
        creditLimit: Decimal.ZERO,
        taxLiable: true,
        taxAreaId: austin?.id ?? '',
        taxRegistrationNumber: '',
        currencyCode: '',
        paymentTermsId: cod?.id ?? '',
        shipmentMethodId: '',
        paymentMethodId: '',
        blocked: ' ',
        balanceDue: Decimal.ZERO,
      },
      stableGuid(`customer:${customer.email}`),
    );
  }
}
