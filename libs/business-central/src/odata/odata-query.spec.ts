import { anyOf, eqIgnoreCase } from './odata-filter';
import { renderQuery } from './odata-query';

describe('renderQuery', () => {
  it('is empty without options', () => {
    expect(renderQuery(undefined)).toBe('');
    expect(renderQuery({})).toBe('');
  });

  it('URL-encodes the filter once so + & # % and spaces survive', () => {
    const q = renderQuery({ filter: eqIgnoreCase('email', "a+b&c#d%e f'g@x.com") });
    expect(q).toBe("?$filter=tolower(email)%20eq%20'a%2Bb%26c%23d%25e%20f''g%40x.com'");
    const decoded = new URLSearchParams(q.slice(1)).get('$filter');
    expect(decoded).toBe("tolower(email) eq 'a+b&c#d%e f''g@x.com'");
  });

  it('renders select, expand with nested options, orderby and top', () => {
    const q = renderQuery({
      filter: anyOf('number', ['A']),
      select: ['id', 'number', 'inventory'],
      expand: ['salesOrderLines', { name: 'customer', select: ['id', 'email'] }],
      orderby: ['number', { field: 'lastModifiedDateTime', direction: 'desc' }],
      top: 5,
    });
    const params = new URLSearchParams(q.slice(1));
    expect(params.get('$select')).toBe('id,number,inventory');
    expect(params.get('$expand')).toBe('salesOrderLines,customer($select=id,email)');
    expect(params.get('$orderby')).toBe('number,lastModifiedDateTime desc');
    expect(params.get('$top')).toBe('5');
    expect(q.startsWith('?$filter=')).toBe(true);
  });

  it('refuses bad names and a bad $top', () => {
    expect(() => renderQuery({ select: ['id,email'] })).toThrow(RangeError);
    expect(() => renderQuery({ expand: ['lines($top=1)'] })).toThrow(RangeError);
    expect(() => renderQuery({ top: -1 })).toThrow(RangeError);
  });
});
