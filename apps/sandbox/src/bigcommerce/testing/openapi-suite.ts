import { BigCommerceOpenApi, bigcommerceOpenApiDir } from './openapi-validator';
import { buildSampleStore, SampleOrders } from './sample-store';
import { BigCommerceTestSandbox } from './test-sandbox';
import { WebhookReceiver } from './webhook-receiver';

/** What an OpenAPI conformance suite works with, filled in by its `beforeAll`. */
export interface OpenApiSuite {
  readonly spec: BigCommerceOpenApi;
  readonly sb: BigCommerceTestSandbox;
  readonly receiver: WebhookReceiver;
  readonly orders: SampleOrders;
  /** Fails, naming the file and the first schema errors, when a response does not match the documented one. */
  expectValid(file: string, path: string, method: string, status: number, body: unknown, contentType?: string): void;
}

/**
 * The setup both OpenAPI suites share: the official files read from the shared reference folder (the suite fails,
 * naming the folder, when they are absent), a seeded sandbox filled with the sample orders, and a webhook receiver.
 * Call it inside `describe`; the fields are usable from the tests on.
 */
export function useOpenApiSuite(): OpenApiSuite {
  const ctx: {
    spec?: BigCommerceOpenApi;
    sb?: BigCommerceTestSandbox;
    receiver?: WebhookReceiver;
    orders?: SampleOrders;
  } = {};
  const ready = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`OpenAPI suite: ${name} is not set up yet (use it inside a test)`);
    return value;
  };

  beforeAll(async () => {
    ctx.spec = new BigCommerceOpenApi(bigcommerceOpenApiDir(process.env.ML_SHARED_DIR));
    ctx.sb = await BigCommerceTestSandbox.start({ seed: { products: 12, variantsPerProduct: 0, customers: 4 } });
    ctx.receiver = await WebhookReceiver.start();
    ctx.orders = await buildSampleStore(ctx.sb);
  });

  afterAll(async () => {
    await ctx.receiver?.close();
    await ctx.sb?.close();
  });

  return {
    get spec() {
      return ready(ctx.spec, 'spec');
    },
    get sb() {
      return ready(ctx.sb, 'sandbox');
    },
    get receiver() {
      return ready(ctx.receiver, 'receiver');
    },
    get orders() {
      return ready(ctx.orders, 'orders');
    },
    expectValid(file, path, method, status, body, contentType) {
      const result = ready(ctx.spec, 'spec').validateResponse(file, path, method, status, body, contentType);
      if (!result.valid)
        throw new Error(
          `${method} ${path} ${status} does not match ${file}:\n${result.errors.slice(0, 10).join('\n')}`,
        );
    },
  };
}
