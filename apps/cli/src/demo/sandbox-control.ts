/** What `GET /__sandbox/state` reports, as far as the demo reads it. */
export interface SandboxState {
  readonly bigcommerce: {
    readonly orders: ReadonlyArray<{
      id: number;
      status_id: number;
      email: string;
      total_inc_tax: string;
      refunded_amount: string;
      lines: ReadonlyArray<{ sku: string; quantity: number }>;
    }>;
    readonly refunds: ReadonlyArray<{ id: number; order_id: number; total_amount: string }>;
    readonly stock: Readonly<Record<string, number>>;
    readonly prices: Readonly<Record<string, string>>;
    readonly hooks: ReadonlyArray<{ scope: string; is_active: boolean }>;
  };
  readonly 'business-central': {
    readonly items: ReadonlyArray<{ number: string; unitPrice: number; inventory: number; blocked: boolean }>;
    readonly customers: ReadonlyArray<{ number: string; email: string }>;
    readonly documents: Readonly<Record<string, ReadonlyArray<SandboxDocument>>>;
    readonly subscriptions: readonly unknown[];
  };
}

export interface SandboxDocument {
  readonly number: string;
  readonly status: string;
  readonly externalDocumentNumber?: string;
  readonly totalAmountIncludingTax: number;
}

export interface PlaceOrderRequest {
  readonly customerEmail?: string;
  readonly guest?: boolean;
  readonly lines: ReadonlyArray<{ sku: string; quantity: number }>;
  readonly couponCode?: string;
  readonly shippingCost?: string;
  readonly fulfillment?: 'shipping' | 'pickup';
  readonly statusId?: number;
}

/** An answer of the control API that is not 2xx, with its status (409/422: the shopper's order was refused). */
export class SandboxRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'SandboxRefusal';
  }
}

/** Client of the sandboxes' control API (`/__sandbox/...`): the demo acts as shoppers, the merchant and a BC user. */
export class SandboxControl {
  constructor(private readonly baseUrl: string) {}

  private async call<T>(method: string, route: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}/__sandbox${route}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new SandboxRefusal(res.status, `sandbox ${method} ${route} answered ${res.status}: ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Whether the control API answers at all. */
  async reachable(): Promise<boolean> {
    return this.call('GET', '/clock').then(
      () => true,
      () => false,
    );
  }

  state(): Promise<SandboxState> {
    return this.call<SandboxState>('GET', '/state');
  }

  seed(spec: { products: number; variantsPerProduct: number; customers: number; seed: number }) {
    return this.call<{ skus: string[]; products: number; customers: string[] }>('POST', '/seed', spec);
  }

  /** A product created in the store's control panel only (BC has no item for it). */
  createStoreProduct(product: { name: string; sku: string; price: string; inventory: number }) {
    return this.call<{ id: number }>('POST', '/bigcommerce/products', product);
  }

  placeOrder(order: PlaceOrderRequest) {
    return this.call<{ id: number; total_inc_tax: string }>('POST', '/bigcommerce/orders', order);
  }

  setOrderStatus(orderId: number, statusId: number) {
    return this.call('POST', `/bigcommerce/orders/${orderId}/status`, { statusId });
  }

  refund(orderId: number, refund: { items?: Array<{ sku: string; quantity: number }>; amount?: string }) {
    return this.call<{ refundId: number; amount: string }>('POST', `/bigcommerce/orders/${orderId}/refunds`, refund);
  }

  /** A BC user's change: a price change notifies subscribers; an inventory change (absolute) is silent. */
  changeItem(number: string, change: { unitPrice?: string; inventory?: number }) {
    return this.call('POST', `/business-central/items/${encodeURIComponent(number)}`, change);
  }
}
