import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { OpenApiCatalog, loadOfficialDocs } from './openapi-catalog';
import { Json, deref, resolvePointer } from './openapi-schema';
import { sharedReferenceDir } from './shared-reference.config';
import { RecordedCall, RequestConformance } from './request-check';

/*
 * The verdicts of the conformance suite come from BigCommerce's official files and from nothing else: not from the
 * sandbox (which was written from the same notes as the adapter and could share its mistakes), and not from
 * expectations written into the test. Shown three ways: known-bad requests are rejected with the reason the file
 * gives; editing the file in memory flips the verdict on an unchanged request; nothing here imports the sandbox.
 */

const JSON_HEADERS = { 'x-auth-token': 'token', accept: 'application/json', 'content-type': 'application/json' };

function call(method: string, path: string, body?: unknown, headers: Record<string, string> = JSON_HEADERS) {
  const recorded: RecordedCall = {
    method,
    url: `/stores/abc123${path}`,
    headers,
    body: body === undefined ? '' : JSON.stringify(body),
  };
  return recorded;
}

let docs: Map<string, Json>;
let official: RequestConformance;

beforeAll(() => {
  docs = loadOfficialDocs();
  official = new RequestConformance(new OpenApiCatalog(docs));
});

const { 'x-auth-token': _token, ...unauthenticated } = JSON_HEADERS;
const hook = { scope: 'store/order/*', destination: 'https://example.com/h' };

describe('requests the official files reject', () => {
  it.each<[string, RecordedCall, RegExp]>([
    ['an undocumented path', call('GET', '/v3/catalog/things'), /no documented operation at GET/],
    ['an undocumented method', call('PATCH', '/v3/hooks', hook), /method not documented for PATCH/],
    ['sku:in on variants', call('GET', '/v3/catalog/variants?sku:in=A,B'), /"sku:in" is not declared/],
    ['a page size above the maximum', call('GET', '/v3/catalog/products?limit=500'), /"limit" must be <= 250/],
    ['a sort field outside the enum', call('GET', '/v2/orders?sort=total:asc'), /"sort" must be equal to one of/],
    [
      'a date whose "+" was not encoded',
      call('GET', '/v2/orders?min_date_modified=Tue,%2005%20Mar%202019%2021:40:11%20+0000'),
      /neither RFC-2822 nor ISO-8601/,
    ],
    [
      'an unexploded array sent twice',
      call('GET', '/v3/customers?email:in=a@x.com&email:in=b@x.com'),
      /"email:in" is an unexploded array/,
    ],
    ['a hook id below 1', call('DELETE', '/v3/hooks/0'), /path parameter "webhook_id" must be >= 1/],
    ['an order id that is not an integer', call('GET', '/v2/orders/abc'), /"order_id" must be integer/],
    ['no X-Auth-Token', call('GET', '/v2/store', undefined, unauthenticated), /auth header \(X-Auth-Token\)/],
    [
      'a body sent as text/plain',
      call('PUT', '/v3/catalog/variants', [{ id: 1 }], { ...JSON_HEADERS, 'content-type': 'text/plain' }),
      /Content-Type "text\/plain" is not a documented request media type/,
    ],
    [
      'an Accept that admits no documented answer',
      call('GET', '/v2/orders/1', undefined, { ...JSON_HEADERS, accept: 'text/html' }),
      /Accept "text\/html" admits none/,
    ],
    [
      'a null product sale price',
      call('PUT', '/v3/catalog/products', [{ id: 1, sale_price: null }]),
      /sale_price must be number/,
    ],
    [
      'a hook without destination',
      call('POST', '/v3/hooks', { scope: 'x' }),
      /must have required property 'destination'/,
    ],
    [
      'an undocumented body property',
      call('POST', '/v3/hooks', { ...hook, secret: 's' }),
      /body.secret is not a documented/,
    ],
    [
      'an inventory item with two identities',
      call('PUT', '/v3/inventory/adjustments/absolute', {
        items: [{ location_id: 1, sku: 'A', variant_id: 2, quantity: 1 }],
      }),
      /must match exactly one schema in oneOf/,
    ],
    [
      'a read-only property',
      call('PUT', '/v3/catalog/products/1', {
        images: [{ image_url: 'https://x/a.png', url_zoom: 'https://x/z.png' }],
      }),
      /body.images\[0\].url_zoom is read-only in the description/,
    ],
    ['a body on a body-less operation', call('DELETE', '/v3/hooks/1', { force: true }), /operation documents none/],
    ['a missing required body', call('PUT', '/v3/catalog/variants'), /requires a request body/],
  ])('%s', (_name, request, reason) => {
    expect(official.check(request).problems.join('\n')).toMatch(reason);
  });

  it('accepts the documented shapes of the same operations', () => {
    const good = [
      call('GET', '/v3/catalog/variants?sku=A%2B1&page=1&limit=250'),
      call('GET', '/v2/orders?min_date_modified=Tue,%2005%20Mar%202019%2021:40:11%20%2B0000&sort=date_modified:asc'),
      call('GET', '/v3/customers?email:in=a%2B1@x.com,b@x.com&limit=250'),
      call('PUT', '/v3/catalog/variants', [{ id: 1, price: null, sale_price: 2.5 }]),
      call('PUT', '/v3/inventory/adjustments/absolute', {
        reason: 'r',
        items: [{ location_id: 1, sku: 'A', quantity: 1 }],
      }),
      call('POST', '/v3/hooks', { ...hook, headers: { 'X-Secret': 's' } }),
    ];
    expect(good.flatMap((r) => official.check(r).problems)).toEqual([]);
  });
});

describe('verdicts follow the file, not the test', () => {
  const variants = call('GET', '/v3/catalog/variants?sku=A');
  const nullPrice = call('PUT', '/v3/catalog/variants', [{ id: 1, price: null }]);

  function edited(file: string, edit: (doc: Json) => void): RequestConformance {
    const copy = new Map(docs);
    const doc = structuredClone(docs.get(file)) as Json;
    edit(doc);
    copy.set(file, doc);
    return new RequestConformance(new OpenApiCatalog(copy));
  }

  it('drops the sku parameter from the variants file: the same request is now rejected', () => {
    expect(official.check(variants).problems).toEqual([]);
    const withoutSku = edited('product-variants_catalog.v3.yml', (doc) => {
      const get = resolvePointer(doc, '#/paths/~1catalog~1variants/get') as Json;
      get['parameters'] = (get['parameters'] as Json[]).filter((p) => deref(doc, p)['name'] !== 'sku');
    });
    expect(withoutSku.check(variants).problems).toEqual(['query parameter "sku" is not declared for this operation']);
  });

  it('removes x-nullable from the variant price: a null price is now rejected', () => {
    expect(official.check(nullPrice).problems).toEqual([]);
    const strict = edited('product-variants_catalog.v3.yml', (doc) => {
      const text = JSON.stringify(doc).replace(/"x-nullable":true/g, '"x-nullable":false');
      Object.assign(doc, JSON.parse(text));
    });
    expect(strict.check(nullPrice).problems.join('\n')).toMatch(/body.0.price must be number/);
  });

  it('reads a Swagger 2 description too (body parameter, csv array)', () => {
    const swagger: Json = {
      swagger: '2.0',
      basePath: '/stores/{store_hash}/v9',
      securityDefinitions: { token: { type: 'apiKey', in: 'header', name: 'X-Auth-Token' } },
      security: [{ token: [] }],
      paths: {
        '/widgets': {
          post: {
            consumes: ['application/json'],
            parameters: [
              { in: 'query', name: 'ids', type: 'array', items: { type: 'integer' }, collectionFormat: 'csv' },
              {
                in: 'body',
                name: 'body',
                required: true,
                schema: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
              },
            ],
            responses: { '200': { description: 'ok' } },
          },
        },
      },
    };
    const checker = new RequestConformance(new OpenApiCatalog(new Map([['widgets.yml', swagger]])));
    expect(checker.check(call('POST', '/v9/widgets?ids=1,2', { name: 'w' })).problems).toEqual([]);
    const bad = checker.check(call('POST', '/v9/widgets?ids=1,x', {}, unauthenticated)).problems.join('\n');
    expect(bad).toMatch(/"ids".1 must be integer/);
    expect(bad).toMatch(/required property 'name'/);
    expect(bad).toMatch(/X-Auth-Token/);
  });
});

describe('where the descriptions come from', () => {
  it('fails loudly, naming the folder, when the shared reference is absent', () => {
    const saved = process.env['ML_SHARED_DIR'];
    const empty = mkdtempSync(join(tmpdir(), 'no-shared-'));
    process.env['ML_SHARED_DIR'] = empty;
    try {
      expect(() => OpenApiCatalog.loadOfficial()).toThrow(
        new RegExp(`official API description not found: ${empty}/reference/bigcommerce-openapi.*ML_SHARED_DIR`),
      );
    } finally {
      if (saved === undefined) delete process.env['ML_SHARED_DIR'];
      else process.env['ML_SHARED_DIR'] = saved;
      rmSync(empty, { recursive: true });
    }
  });

  it('reads the official files from outside the repository', () => {
    const reference = sharedReferenceDir();
    expect(relative(join(__dirname, '../../../..'), reference).startsWith('..')).toBe(true);
    expect([...docs.keys()].sort()).toEqual(
      readdirSync(join(reference, 'bigcommerce-openapi'))
        .filter((f) => f.endsWith('.yml'))
        .sort(),
    );
  });

  it('imports nothing from the sandbox', () => {
    const sources = readdirSync(__dirname).filter((f) => f.endsWith('.ts'));
    const imports = sources.flatMap((f) =>
      [...readFileSync(join(__dirname, f), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1] ?? ''),
    );
    expect(imports.length).toBeGreaterThan(10);
    expect(imports.filter((i) => /sandbox|apps\//.test(i))).toEqual([]);
  });
});
