import { sleep } from '@mlc/platform-resilience';
import type { CliContext } from '../cli-context';
import { DemoDriver } from './demo-driver';
import { evaluate, storeCarries, type Evaluation } from './demo-expectations';
import { LEGACY_ITEM, LEGACY_SKU, planDemo } from './demo-plan';
import { DemoProgress } from './demo-progress';
import { dlqMarks, newDeadLetters, readLedgers } from './demo-readings';
import type { DemoRecord, Snapshot } from './demo-records';
import { renderSummary } from './demo-render';
import { backfill, configureConnection, createBcOnlyItem, DOCUMENT_PREFIX, assertFresh, waitForStack, waitForWatching } from './demo-setup';
import { summarize } from './demo-summary';
import type { DemoConfig } from './demo.config';
import { DemoObserver } from './demo-observer';
import { SandboxControl } from './sandbox-control';

export interface DemoOptions {
  readonly json: boolean;
  readonly orders: number;
  readonly products: number;
  readonly catalogChanges: number;
  readonly timeoutMs: number;
}

const SEED = 42;
const VARIANTS_PER_PRODUCT = 3;
const CUSTOMERS = 25;

/** `ml-connector demo`: set up, burst, wait, summarize. Returns the exit code (0: every record as expected). */
export async function runDemo(ctx: CliContext, config: DemoConfig, options: DemoOptions): Promise<number> {
  const progress = new DemoProgress();
  const control = new SandboxControl(config.BC_API_URL);
  const connectionId = config.CONNECTION_ID;
  progress.step('checking the sandboxes and the four services');
  await waitForStack(config, control);
  assertFresh(await control.state());
  await waitForWatching(control);
  progress.step(`configuring connection ${connectionId}: posted invoices, the sandbox's G/L accounts and tax area`);
  await configureConnection(ctx, connectionId);
  progress.step(`seeding ${options.products} products x ${VARIANTS_PER_PRODUCT} variants and ${CUSTOMERS} customers in both systems`);
  const seeded = await control.seed({ products: options.products, variantsPerProduct: VARIANTS_PER_PRODUCT, customers: CUSTOMERS, seed: SEED });
  // A mug the store sells under an old SKU while BC has it as its own item (created by a BC user, 40 in stock).
  await control.createStoreProduct({ name: 'Legacy Mug', sku: LEGACY_SKU, price: '14.00', inventory: 40 });
  await createBcOnlyItem(ctx, connectionId, { number: LEGACY_ITEM, displayName: 'Legacy Mug', unitPrice: '14.00' });
  await control.changeItem(LEGACY_ITEM, { inventory: 40 });
  progress.step(`initial catalog push (backfill): ${await backfill(config, connectionId)}`);

  const seededState = await control.state();
  const bcItems = seededState['business-central'].items;
  const plan = planDemo({
    skus: seeded.skus,
    customers: seeded.customers,
    prices: Object.fromEntries(bcItems.map((i) => [i.number, i.unitPrice.toFixed(2)])),
    inventory: Object.fromEntries(bcItems.map((i) => [i.number, i.inventory])),
    orders: options.orders,
    catalogChanges: options.catalogChanges,
    seed: SEED,
  });
  const [writerDb, catalogDb, admin] = await Promise.all([ctx.schema('bc_writer'), ctx.schema('catalog_writer'), ctx.admin()]);
  const marks = await dlqMarks(admin);
  const record: DemoRecord = {
    connectionId,
    documentPrefix: DOCUMENT_PREFIX,
    startedAt: Date.now(),
    skus: seeded.skus,
    bcCustomersBefore: seededState['business-central'].customers.length,
    orders: [],
    refused: [],
    refunds: [],
    changes: [],
  };
  const driver = new DemoDriver(control, record, plan, progress);
  const observer = new DemoObserver(writerDb, control, connectionId);
  progress.step(`placing ${plan.orders.length + 2} orders while a BC user makes ${plan.catalogChanges.length} price and stock changes`);
  let burstDone = false;
  const burst = driver.burst().then(() => {
    burstDone = true;
    progress.step(`all ${record.orders.length} orders placed${record.refused.length ? ` (${record.refused.length} refused: out of stock)` : ''}; waiting for the connector`);
  });
  const deadline = Date.now() + options.timeoutMs;
  const watched = watch(observer, driver, record, progress, () => burstDone, deadline);
  await burst;
  const { snap, evaluation } = await watched;
  progress.stop();
  progress.step(evaluation.complete ? 'everything synced; reading the ledgers' : 'timed out waiting; reading the ledgers');

  const readings = {
    ...(await readLedgers(writerDb, catalogDb, connectionId, new Date(record.startedAt))),
    deadLetters: await newDeadLetters(ctx.kafka(), admin, marks, connectionId),
  };
  const summary = summarize(record, snap, evaluation, readings, Date.now());
  process.stdout.write(options.json ? `${JSON.stringify(summary, null, 2)}\n` : renderSummary(summary));
  return summary.ok ? 0 : 1;
}

/** Looks at both systems a few times a second until every record is where it should be, or the deadline. */
async function watch(
  observer: DemoObserver,
  driver: DemoDriver,
  record: DemoRecord,
  progress: DemoProgress,
  burstDone: () => boolean,
  deadline: number,
): Promise<{ snap: Snapshot; evaluation: Evaluation }> {
  for (;;) {
    const snap = await observer.snapshot();
    for (const change of record.changes) {
      if (change.seenAt === undefined && storeCarries(snap, change.sku, change.kind, change.value)) change.seenAt = snap.at;
    }
    await driver.followUps(snap);
    const evaluation = evaluate(record, snap);
    progress.update(evaluation);
    const finished = burstDone() && driver.pending() === 0 && evaluation.complete;
    if (finished || Date.now() > deadline) return { snap, evaluation };
    await sleep(250);
  }
}
