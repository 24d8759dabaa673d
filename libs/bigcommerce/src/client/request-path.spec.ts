import { buildQuery, requestPath } from './request-path';

describe('requestPath', () => {
  it('keeps the template and fills encoded parameters', () => {
    expect(requestPath('/v2/orders/{id}', { id: 218 })).toEqual({
      template: '/v2/orders/{id}',
      path: '/v2/orders/218',
    });
    expect(requestPath('/v3/x/{key}', { key: 'a/b c' }).path).toBe('/v3/x/a%2Fb%20c');
  });

  it('refuses a missing parameter', () => {
    expect(() => requestPath('/v2/orders/{id}/products', {})).toThrow('missing path parameter "id"');
  });
});

describe('buildQuery', () => {
  it('encodes + in RFC 2822 offsets and emails as %2B', () => {
    expect(buildQuery({ min_date_modified: 'Tue, 05 Mar 2019 21:40:11 +0000' })).toBe(
      '?min_date_modified=Tue,%2005%20Mar%202019%2021:40:11%20%2B0000',
    );
    expect(buildQuery({ 'email:in': ['jane+shop@example.com', 'bob@example.com'] })).toBe(
      '?email:in=jane%2Bshop%40example.com,bob%40example.com',
    );
  });

  it('keeps BigCommerce filter syntax readable and skips undefined values', () => {
    expect(buildQuery({ sort: 'date_modified:asc', page: 2, limit: 250, include: undefined })).toBe(
      '?sort=date_modified:asc&page=2&limit=250',
    );
    expect(buildQuery({})).toBe('');
  });

  it('round-trips through a standard URL parser', () => {
    const query = buildQuery({ 'email:in': ['a+b@x.com'], min_date_modified: 'Tue, 05 Mar 2019 21:40:11 +0000' });
    const parsed = new URL(`http://h/p${query}`).searchParams;
    expect(parsed.get('email:in')).toBe('a+b@x.com');
    expect(parsed.get('min_date_modified')).toBe('Tue, 05 Mar 2019 21:40:11 +0000');
  });
});
