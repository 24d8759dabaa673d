import { Decimal } from '@mlc/platform-money';
import type { SandboxClock } from '../../core/clock';
import { quoteRefund, Quoted, RefundQuote, RefundRules } from '../pricing/refund-calculator';
import type { BigCommerceState } from '../store/bigcommerce-state';
import type { Order, Refund } from '../store/model';
import { storeNow } from './order-service';
import type { ParsedRefundBody } from './refund-request';
import type { StoreEvents } from './store-events';

export interface RefundMethodLeg {
  readonly providerId: string;
  readonly description: string;
  readonly amount: Decimal;
  readonly offline: boolean;
}

export type RefundOutcome = { ok: true; refund: Refund } | { ok: false; status: number; title: string };

const REFUNDABLE_PAYMENT = new Set(['captured', 'partially refunded']);

/**
 * Refunds through the payment actions API. Only captured payments can be refunded; the payment legs must match one
 * of the quoted refund methods; store credit is not available to guests; refunds of one order must not overlap:
 * while one is being processed (`refundLatencyMs`), another for the same order is refused with 409. A refund never
 * returns stock.
 */
export class RefundService {
  private readonly inFlight = new Set<number>();

  constructor(
    private readonly state: BigCommerceState,
    private readonly clock: SandboxClock,
    private readonly events: StoreEvents,
  ) {}

  quote(order: Order, body: ParsedRefundBody): Quoted {
    if (!REFUNDABLE_PAYMENT.has(order.paymentStatus)) {
      return { ok: false, title: 'The payment for this order has not been captured, so it cannot be refunded.' };
    }
    return quoteRefund(order, body.items, this.rules(), body.taxAdjustment, body.override !== undefined);
  }

  /** The alternatives a refund may be paid with: each an array of payment legs. */
  methods(order: Order, amount: Decimal): RefundMethodLeg[][] {
    const methods: RefundMethodLeg[][] = [
      [{ providerId: 'testgateway', description: 'Test Payment Gateway', amount, offline: false }],
    ];
    if (order.customerId !== 0)
      methods.push([{ providerId: 'storecredit', description: 'Store Credit', amount, offline: false }]);
    methods.push([{ providerId: 'custom', description: 'Custom', amount, offline: true }]);
    return methods;
  }

  async create(order: Order, body: ParsedRefundBody): Promise<RefundOutcome> {
    if (this.inFlight.has(order.id)) {
      return {
        ok: false,
        status: 409,
        title: 'A refund for this order is already being processed. Refunds on one order must be sequential.',
      };
    }
    this.inFlight.add(order.id);
    try {
      const quoted = this.quote(order, body);
      if (!quoted.ok) return { ok: false, status: 422, title: quoted.title };
      const total = body.override?.total.round(2) ?? quoted.quote.total;
      const tax = body.override?.tax.round(2) ?? quoted.quote.tax;
      if (!total.gt(0) || tax.isNegative() || tax.gt(total))
        return { ok: false, status: 422, title: 'The merchant calculated override is invalid.' };
      if (total.gt(order.totalIncTax.minus(order.refundedAmount))) {
        return {
          ok: false,
          status: 422,
          title: 'The refund amount exceeds the amount available to refund on this order.',
        };
      }
      const payments = this.checkPayments(order, body, total);
      if (typeof payments === 'string') return { ok: false, status: 422, title: payments };
      await new Promise((resolve) => setTimeout(resolve, this.state.settings.refundLatencyMs));
      return { ok: true, refund: this.apply(order, quoted.quote, total, tax, payments, body.override !== undefined) };
    } finally {
      this.inFlight.delete(order.id);
    }
  }

  private checkPayments(order: Order, body: ParsedRefundBody, total: Decimal): RefundMethodLeg[] | string {
    const payments = body.payments ?? [{ providerId: 'testgateway', amount: total, offline: false }];
    if (order.customerId === 0 && payments.some((p) => p.providerId === 'storecredit')) {
      return 'Unable to provide store credit for a guest customer.';
    }
    const paid = Decimal.sum(payments.map((p) => p.amount.round(2)));
    const match = this.methods(order, total).find(
      (method) =>
        method.length === payments.length &&
        method.every(
          (leg, i) => leg.providerId === payments[i]!.providerId && leg.amount.eq(payments[i]!.amount.round(2)),
        ),
    );
    if (!match || !paid.eq(total)) {
      return `The refund payments (${paid.toFixed(2)}) do not match any refund method for the refund amount of ${total.toFixed(2)}.`;
    }
    return match;
  }

  private apply(
    order: Order,
    quote: RefundQuote,
    total: Decimal,
    tax: Decimal,
    legs: RefundMethodLeg[],
    override: boolean,
  ): Refund {
    const now = storeNow(this.clock);
    for (const item of quote.items) {
      const line =
        item.request.itemType === 'PRODUCT' ? order.lines.find((l) => l.id === item.request.itemId) : undefined;
      if (line) {
        line.quantityRefunded += item.request.quantity ?? 0;
        line.refundAmount = line.refundAmount.plus(item.amount);
        line.refundTax = line.refundTax.plus(item.tax);
      }
      const address = item.shippingEntered
        ? order.shippingAddresses.find((a) => a.id === item.request.itemId)
        : undefined;
      if (address && item.shippingEntered) address.refundedEntered = address.refundedEntered.plus(item.shippingEntered);
    }
    order.refundedAmount = order.refundedAmount.plus(total);
    const fully = !order.refundedAmount.lt(order.totalIncTax);
    order.paymentStatus = fully ? 'refunded' : 'partially refunded';
    const refund = this.record(order, quote, total, tax, legs, override, now);
    const previous = order.statusId;
    order.statusId = fully ? 4 : 14;
    order.dateModified = now;
    order.revision += 1;
    this.events.refundCreated(order.id, refund.id);
    if (previous !== order.statusId) this.events.orderStatusChanged(order.id, previous, order.statusId);
    else this.events.orderUpdated(order.id);
    return refund;
  }

  private record(
    order: Order,
    quote: RefundQuote,
    total: Decimal,
    tax: Decimal,
    legs: RefundMethodLeg[],
    override: boolean,
    now: number,
  ): Refund {
    const transactions = this.state.transactions.get(order.id) ?? [];
    const purchase = transactions.find((t) => t.event === 'purchase');
    const payments = legs.map((leg) => {
      const txId = this.state.ids.transaction.take();
      transactions.push({
        id: txId,
        orderId: order.id,
        event: 'refund',
        amount: leg.amount,
        currency: order.transactionalCurrencyCode,
        dateCreated: now,
        gatewayTransactionId: `test-refund-${txId}`,
        referenceTransactionId: purchase?.id ?? null,
      });
      return {
        id: this.state.ids.refundPayment.take(),
        providerId: leg.providerId,
        amount: leg.amount,
        offline: leg.offline,
        transactionId: String(txId),
      };
    });
    this.state.transactions.set(order.id, transactions);
    const refund: Refund = {
      id: this.state.ids.refund.take(),
      orderId: order.id,
      created: now,
      reason: quote.items.find((i) => i.request.reason)?.request.reason ?? '',
      totalAmount: total,
      totalTax: tax,
      usesMerchantOverride: override,
      items: quote.items.map((i) => ({
        itemType: i.request.itemType,
        itemId: i.request.itemId,
        quantity: i.request.quantity,
        reason: i.request.reason ?? '',
        requestedAmount: i.request.itemType === 'PRODUCT' ? null : (i.request.amount ?? null),
      })),
      payments,
    };
    this.state.refunds.set(refund.id, refund);
    return refund;
  }

  private rules(): RefundRules {
    const s = this.state.settings;
    return { taxRate: Decimal.parse(s.taxRate), pricesIncludeTax: s.pricesIncludeTax, taxShipping: s.taxShipping };
  }
}
