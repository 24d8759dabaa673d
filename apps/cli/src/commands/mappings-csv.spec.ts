import { parseSkuCsv, splitCsvLine } from './mappings-csv';

describe('parseSkuCsv', () => {
  it('reads rows after an optional header, keeping SKUs exact and uppercasing item numbers', () => {
    const result = parseSkuCsv('\uFEFFsku,item_number\r\nTee-Blue-M, 1000 \n\n"bundle, gift",gift-01\n');
    expect(result).toEqual({
      ok: true,
      rows: [
        { line: 2, sku: 'Tee-Blue-M', itemNumber: '1000' },
        { line: 4, sku: 'bundle, gift', itemNumber: 'GIFT-01' },
      ],
    });
  });

  it('accepts files without a header', () => {
    expect(parseSkuCsv('abc,X1')).toEqual({ ok: true, rows: [{ line: 1, sku: 'abc', itemNumber: 'X1' }] });
  });

  it('names every bad line and refuses the whole file', () => {
    const result = parseSkuCsv(['sku,item', 'a,1', 'b', ',2', 'c,' + 'N'.repeat(21), 'a,3', '"d,4'].join('\n'));
    expect(result).toEqual({
      ok: false,
      errors: [
        'line 3: expected 2 columns (sku,item_number), found 1',
        'line 4: the SKU is empty',
        'line 5: item number must be 1 to 20 characters (BC Code[20])',
        'line 6: SKU "a" is already mapped on line 2',
        'line 7: unbalanced quotes',
      ],
    });
  });

  it('treats SKUs differing only in case as different SKUs', () => {
    const result = parseSkuCsv('abc,ITEM-A\nABC,ITEM-B');
    expect(result.ok && result.rows.map((r) => r.sku)).toEqual(['abc', 'ABC']);
  });
});

describe('splitCsvLine', () => {
  it('unescapes doubled quotes inside quoted fields', () => {
    expect(splitCsvLine('"say ""hi""",x')).toEqual(['say "hi"', 'x']);
  });
});
