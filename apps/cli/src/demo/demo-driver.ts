import { spawn } from 'node:child_process';
import { CliError } from '../cli-error';
import type { DemoPlan, PlannedCatalogChange, PlannedOrder } from './demo-plan';
import type { DemoProgress } from './demo-progress';
import type { DemoRecord, OrderRole, PlacedOrder, Snapshot } from './demo-records';
import { SandboxControl, SandboxRefusal } from './sandbox-control';

const CANCELLED_STATUS = 5;
const BURST_CONCURRENCY = 6;

/**
 * Acts on the sandboxes for the demo: shoppers placing orders, the merchant refunding and cancelling, a BC user
 * changing prices and stock, and the operator fixing the unmapped SKU with the CLI. Everything it does lands in the
 * record, with its time.
 */
export class DemoDriver {
  private readonly done = new Set<string>();
  private readonly running = new Set<string>();

  constructor(
    private readonly control: SandboxControl,
    private readonly record: DemoRecord,
    private readonly plan: DemoPlan,
    private readonly progress: DemoProgress,
  ) {}

  /** The burst: every order (a few at a time, like concurrent checkouts) while BC changes land beside them. */
  async burst(): Promise<void> {
    const queue: Array<[PlannedOrder, OrderRole]> = [
      [this.plan.cancelled, 'cancelled'],
      ...this.plan.orders.map((o) => [o, 'normal'] as [PlannedOrder, OrderRole]),
    ];
    queue.splice(Math.floor(queue.length / 2), 0, [this.plan.unmapped, 'unmapped']);
    const workers = Array.from({ length: BURST_CONCURRENCY }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await this.place(next[0], next[1]);
    });
    const changes = (async () => {
      for (const change of this.plan.catalogChanges) {
        await this.applyChange(change);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    await Promise.all([...workers, changes]);
  }

  /** Follow-ups that wait for the connector: each runs once, when its order reached the state it needs. */
  async followUps(snap: Snapshot): Promise<void> {
    const byKey = new Map(this.record.orders.map((o) => [o.plan.key, o]));
    const cancelled = byKey.get(this.plan.cancelled.key);
    const unmapped = byKey.get(this.plan.unmapped.key);
    const partial = byKey.get(this.plan.partialRefund.key);
    const full = byKey.get(this.plan.fullRefund.key);
    const stateOf = (o: PlacedOrder | undefined) => (o ? snap.orders.get(o.id)?.state : undefined);
    const tasks: Array<[string, boolean, () => Promise<void>]> = [
      ['cancel', !!cancelled && (stateOf(cancelled) !== undefined || snap.at - cancelled.placedAt > 10_000), () => this.cancel(cancelled!)],
      ['partial refund', stateOf(partial) === 'POSTED', () => this.refund(partial!, [{ sku: this.plan.partialRefund.sku, quantity: 1 }])],
      ['full refund', stateOf(full) === 'POSTED', () => this.refund(full!)],
      ['map and resync', stateOf(unmapped) === 'NEEDS_MAPPING', () => this.mapAndResync(unmapped!)],
    ];
    for (const [name, ready, task] of tasks) {
      if (!ready || this.done.has(name) || this.running.has(name)) continue;
      this.running.add(name);
      // Follow-ups run beside the watch loop; a failure ends the demo with its message.
      await task().finally(() => this.running.delete(name));
      this.done.add(name);
    }
  }

  /** Follow-ups still to do (the demo is not over before they are). */
  pending(): number {
    return 4 - this.done.size;
  }

  private async place(planned: PlannedOrder, role: OrderRole): Promise<void> {
    try {
      const placed = await this.control.placeOrder(planned.request);
      this.record.orders.push({ plan: planned, role, id: placed.id, placedAt: Date.now(), totalIncTax: placed.total_inc_tax });
    } catch (err) {
      if (!(err instanceof SandboxRefusal) || err.status >= 500 || role !== 'normal') throw err;
      this.record.refused.push({ plan: planned, reason: err.message });
    }
  }

  private async applyChange(change: PlannedCatalogChange): Promise<void> {
    const body = change.kind === 'price' ? { unitPrice: change.value } : { inventory: Number(change.value) };
    await this.control.changeItem(change.sku.toUpperCase(), body);
    this.record.changes.push({ ...change, appliedAt: Date.now() });
  }

  private async cancel(order: PlacedOrder): Promise<void> {
    await this.control.setOrderStatus(order.id, CANCELLED_STATUS);
    this.progress.step(`merchant cancelled unpaid order ${order.id}`);
  }

  private async refund(order: PlacedOrder, items?: Array<{ sku: string; quantity: number }>): Promise<void> {
    const refund = await this.control.refund(order.id, items ? { items } : {});
    this.record.refunds.push({ orderId: order.id, refundId: refund.refundId, amount: refund.amount, at: Date.now() });
    this.progress.step(`merchant refunded ${items ? 'one item of' : 'all of'} order ${order.id}: ${refund.amount}`);
  }

  private async mapAndResync(order: PlacedOrder): Promise<void> {
    const { connectionId } = this.record;
    this.progress.step(`order ${order.id} is NEEDS_MAPPING (${this.plan.unmapped.storeSku} has no BC item); the operator maps it:`);
    await this.cli(['mappings', 'sku', 'set', connectionId, this.plan.unmapped.storeSku, this.plan.unmapped.mapToItem]);
    await this.cli(['resync', 'order', connectionId, String(order.id)]);
    this.record.mappingFixedAt = Date.now();
  }

  /** Runs this CLI as the operator would, echoing the command and its answer. */
  private async cli(args: string[]): Promise<void> {
    this.progress.step(`  $ ml-connector ${args.join(' ')}`);
    const child = spawn(process.execPath, ['--no-warnings', process.argv[1]!, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    for (const line of out.trim().split('\n')) this.progress.step(`    ${line}`);
    if (code !== 0) throw new CliError(`ml-connector ${args[0]} failed (exit ${code})`);
  }
}
