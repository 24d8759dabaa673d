import { PermanentError } from '@mlc/platform-errors';
import { BusinessCentralApi } from '../business-central.port';
import { BcMetadata } from './bc-metadata';
import { FULL_CREDIT_MEMO, FULL_CUSTOMER, FULL_INVOICE, FULL_LINE, FULL_ORDER, ITEM_LINE } from './bc-inputs';
import { BC_SCENARIOS, BcScenario } from './bc-port-scenarios';
import { loadReferenceFacts } from './bc-reference-facts';
import { BcCheckContext, checkBcRequest } from './bc-request-check';
import { ENVIRONMENT, TENANT_ID, recordingBusinessCentral } from './recording-transport';

/*
 * Every resource method of createBusinessCentral, driven over a recording HttpTransport, with every request judged
 * against Microsoft's API page definitions (apiv2-entities.json) and the reference (business-central.md), both read
 * at test time from the shared reference folder; a missing file fails every test here, naming it. Test names form
 * the coverage table: `<operation> ← <resource>.<method> (<scenario>)`.
 */

let ctx: BcCheckContext;

beforeAll(() => {
  const metadata = BcMetadata.loadOfficial();
  ctx = { metadata, facts: loadReferenceFacts(metadata), tenantId: TENANT_ID, environment: ENVIRONMENT };
});

const rows = Object.entries(BC_SCENARIOS).flatMap(([resource, methods]) =>
  Object.entries(methods as Record<string, readonly BcScenario[]>).flatMap(([method, scenarios]) =>
    scenarios.map((s): [string, BcScenario] => [`${s.reaches.join(' + ')} ← ${resource}.${method} (${s.title})`, s]),
  ),
);

/** Runs `action` over a fresh recording client; returns the verdicts' problems and the call's outcome. */
async function judge(action: (bc: BusinessCentralApi) => Promise<unknown>) {
  const { bc, transport } = recordingBusinessCentral(ctx, 500);
  const outcome = await action(bc).then(
    () => undefined,
    (err: unknown) => err,
  );
  const verdicts = transport.requests.map((r) => checkBcRequest(r, ctx));
  const problems = verdicts.flatMap((v, i) => v.problems.map((p) => `request ${i + 1} ${v.label ?? '?'}: ${p}`));
  return { outcome, problems, labels: [...new Set(verdicts.map((v) => v.label))], sent: transport.requests.length };
}

describe('Business Central requests conform to the API page definitions', () => {
  it.each(rows)('%s', async (_name, scenario) => {
    const { outcome, problems, labels } = await judge(scenario.run);
    expect(outcome).toBeUndefined();
    expect(problems).toEqual([]);
    expect(labels).toEqual(scenario.reaches);
  });

  it('has a scenario for every resource method createBusinessCentral exposes', () => {
    const { bc } = recordingBusinessCentral(ctx);
    const exposed = Object.entries(bc)
      .filter(([name]) => name !== 'client' && name !== 'ownedTransport')
      .map(([name, resource]) => {
        const methods = Object.getOwnPropertyNames(Object.getPrototypeOf(resource) as object);
        return `${name}: ${methods
          .filter((m) => m !== 'constructor')
          .sort()
          .join(',')}`;
      });
    const covered = Object.entries(BC_SCENARIOS).map(([name, m]) => `${name}: ${Object.keys(m).sort().join(',')}`);
    expect(covered.sort()).toEqual(exposed.sort());
  });
});

type Create = (bc: BusinessCentralApi, patch: object) => Promise<unknown>;
const withLine = (patch: object) => [{ ...ITEM_LINE, ...patch }];
const lineFields = Object.keys(FULL_LINE);

/** Per entity set: the fields our create input carries, and a create with one of them patched. */
const LENGTH_PROBES: ReadonlyArray<[string, readonly string[], Create]> = [
  ['customers', Object.keys(FULL_CUSTOMER), (bc, p) => bc.customers.create({ ...FULL_CUSTOMER, ...p })],
  ['salesOrders', Object.keys(FULL_ORDER), (bc, p) => bc.salesOrders.create({ ...FULL_ORDER, ...p })],
  ['salesOrderLines', lineFields, (bc, p) => bc.salesOrders.create({ ...FULL_ORDER, lines: withLine(p) })],
  ['salesInvoices', Object.keys(FULL_INVOICE), (bc, p) => bc.salesInvoices.create({ ...FULL_INVOICE, ...p })],
  ['salesInvoiceLines', lineFields, (bc, p) => bc.salesInvoices.create({ ...FULL_INVOICE, lines: withLine(p) })],
  [
    'salesCreditMemos',
    Object.keys(FULL_CREDIT_MEMO),
    (bc, p) => bc.salesCreditMemos.create({ ...FULL_CREDIT_MEMO, ...p }),
  ],
  [
    'salesCreditMemoLines',
    lineFields,
    (bc, p) => bc.salesCreditMemos.create({ ...FULL_CREDIT_MEMO, lines: withLine(p) }),
  ],
];

/** Over-long or contradictory inputs: the adapter must refuse them (VALIDATION) before anything is sent. */
function refusedBeforeSending(result: Awaited<ReturnType<typeof judge>>): boolean {
  return result.sent === 0 && result.outcome instanceof PermanentError && result.outcome.code === 'VALIDATION';
}

describe('inputs Business Central would reject never reach it', () => {
  it.each(LENGTH_PROBES)('values longer than the documented lengths of %s', async (set, fields, create) => {
    const documented = [...(ctx.facts.maxLengths.get(set) ?? [])].filter(([field]) => fields.includes(field));
    expect(documented.length).toBeGreaterThan(0);
    const failures: string[] = [];
    for (const [field, max] of documented) {
      const result = await judge((bc) => create(bc, { [field]: 'X'.repeat(max + 1) }));
      if (!refusedBeforeSending(result)) failures.push(`${field} (${max}): ${result.problems.join('; ') || 'sent'}`);
    }
    expect(failures).toEqual([]);
  });

  it('a line naming both itemId and accountId', async () => {
    const result = await judge((bc) => bc.salesInvoices.create({ ...FULL_INVOICE, lines: [FULL_LINE] }));
    expect(result.problems).toEqual([]);
    expect(refusedBeforeSending(result)).toBe(true);
  });
});
