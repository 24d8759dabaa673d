import { PermanentError } from '@mlc/platform-errors';
import { BcMetadata } from './bc-metadata';
import { FULL_INVOICE, FULL_LINE, FULL_ORDER, ITEM_LINE } from './bc-inputs';
import { loadReferenceFacts } from './bc-reference-facts';
import { BcCheckContext } from './bc-request-check';
import { ENVIRONMENT, TENANT_ID, recordingBusinessCentral } from './recording-transport';

/* Regressions for non-conformant requests the conformance suite found in the adapter, named after what broke. */

let ctx: BcCheckContext;

beforeAll(() => {
  const metadata = BcMetadata.loadOfficial();
  ctx = { metadata, facts: loadReferenceFacts(metadata), tenantId: TENANT_ID, environment: ENVIRONMENT };
});

async function refusal(create: (kit: ReturnType<typeof recordingBusinessCentral>) => Promise<unknown>) {
  const kit = recordingBusinessCentral(ctx);
  const err = await create(kit).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(kit.transport.requests).toHaveLength(0);
  expect(err).toBeInstanceOf(PermanentError);
  expect((err as PermanentError).code).toBe('VALIDATION');
  return (err as Error).message;
}

describe('fixed by the conformance suite', () => {
  it('an over-long line description was sent to BC (Description is Text[100])', async () => {
    const message = await refusal(({ bc }) =>
      bc.salesInvoices.create({ ...FULL_INVOICE, lines: [{ ...ITEM_LINE, description: 'x'.repeat(101) }] }),
    );
    expect(message).toBe('sales line description is longer than BC allows (100 characters)');
  });

  it('an over-long header phone number was sent to BC (Sell-to Phone No. is Text[30])', async () => {
    const message = await refusal(({ bc }) => bc.salesOrders.create({ ...FULL_ORDER, phoneNumber: '1'.repeat(31) }));
    expect(message).toBe('sales document phoneNumber is longer than BC allows (30 characters)');
  });

  it('a line with both itemId and accountId was sent to BC, which rejects it', async () => {
    const message = await refusal(({ bc }) => bc.salesOrders.create({ ...FULL_ORDER, lines: [FULL_LINE] }));
    expect(message).toBe('a sales line names both itemId and accountId; BC accepts only one');
  });

  it('values at the documented maximum still go out unchanged', async () => {
    const { bc, transport } = recordingBusinessCentral(ctx);
    await bc.salesInvoices.create(FULL_INVOICE);
    const body = JSON.parse(transport.requests[0]?.body ?? '{}') as Record<string, unknown>;
    const lines = body['salesInvoiceLines'] as Array<Record<string, unknown>>;
    expect(lines[0]?.['description']).toBe(FULL_LINE.description);
    expect(body['customerPurchaseOrderReference']).toBe(FULL_INVOICE.customerPurchaseOrderReference);
    expect(body['email']).toBe(FULL_INVOICE.email);
  });
});
