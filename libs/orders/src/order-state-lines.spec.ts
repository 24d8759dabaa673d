import { runOrderScenario } from './__fixtures__/order-scenarios';
import { orderStateLines } from './order-state-lines';

describe('orderStateLines', () => {
  it('lists SKUs and quantities, bundle parent and children alike, sorted by SKU', () => {
    expect(orderStateLines(runOrderScenario('order.bundle').order)).toEqual([
      { sku: 'DRIP-01', quantity: 1 },
      { sku: 'FILT-100', quantity: 1 },
      { sku: 'KIT-COFFEE', quantity: 1 },
    ]);
  });

  it('leaves out gift certificates and sums a SKU that appears on several lines', () => {
    expect(orderStateLines(runOrderScenario('order.gift-certificate-sold').order)).toEqual([
      { sku: 'POSTER-MAP', quantity: 1 },
    ]);
    const order = runOrderScenario('order.guest').order;
    const twice = { ...order, lines: [...order.lines, { ...order.lines[0]!, id: 103, quantity: 3 }] };
    expect(orderStateLines(twice)).toEqual([
      { sku: 'TEE-ORG-M', quantity: 5 },
      { sku: 'TOTE-CNV', quantity: 1 },
    ]);
  });

  it('keeps case-distinct SKUs apart (the store treats them as different products)', () => {
    expect(orderStateLines(runOrderScenario('order.long-and-colliding-skus').order).map((l) => l.sku)).toEqual([
      'STICKER-01',
      'TEE-CLASSIC',
      'WIDGET-DELUXE-EXTRA-LARGE-BLUE',
      'tee-classic',
    ]);
  });
});
