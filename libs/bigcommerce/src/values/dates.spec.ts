import {
  formatIso8601,
  formatRfc2822,
  fromUnixSeconds,
  isIso8601,
  isRfc2822,
  parseBigCommerceDate,
  parseIso8601,
  parseRfc2822,
} from './dates';

describe('RFC 2822 (v2 orders)', () => {
  it.each([
    ['Tue, 05 Mar 2019 21:40:11 +0000', Date.UTC(2019, 2, 5, 21, 40, 11)],
    ['Thu, 20 Apr 2017 11:32:00 -0400', Date.UTC(2017, 3, 20, 15, 32, 0)],
    ['Sat, 1 Jan 2000 00:00:00 +0530', Date.UTC(1999, 11, 31, 18, 30, 0)],
    ['05 Mar 2019 21:40 GMT', Date.UTC(2019, 2, 5, 21, 40, 0)],
    ['Thu, 29 Feb 2024 23:59:59 +0000', Date.UTC(2024, 1, 29, 23, 59, 59)],
  ])('parses %s', (text, epochMs) => {
    expect(parseRfc2822(text).getTime()).toBe(epochMs);
  });

  it.each([
    'Tue, 31 Feb 2019 10:00:00 +0000',
    'Thu, 29 Feb 2023 10:00:00 +0000',
    'Tue, 05 Mar 2019 24:00:00 +0000',
    'Tue, 05 Mar 2019 21:40:60 +0000',
    'Tue, 05 Mar 2019 21:40:11',
    '2019-03-05T21:40:11Z',
    '',
  ])('refuses %p', (text) => {
    expect(() => parseRfc2822(text)).toThrow(RangeError);
    expect(isRfc2822(text)).toBe(false);
  });

  it('formats UTC with +0000 and round-trips', () => {
    const instant = new Date(Date.UTC(2019, 2, 5, 21, 40, 11, 999));
    expect(formatRfc2822(instant)).toBe('Tue, 05 Mar 2019 21:40:11 +0000');
    expect(parseRfc2822(formatRfc2822(instant)).getTime()).toBe(Date.UTC(2019, 2, 5, 21, 40, 11));
  });
});

describe('ISO 8601 (v3)', () => {
  it.each([
    ['2018-08-24T14:41:00+00:00', Date.UTC(2018, 7, 24, 14, 41, 0)],
    ['2017-04-20T11:32:00.000-04:00', Date.UTC(2017, 3, 20, 15, 32, 0)],
    ['2024-05-14T09:34:00Z', Date.UTC(2024, 4, 14, 9, 34, 0)],
    ['2024-05-14T09:34:00.123456+0200', Date.UTC(2024, 4, 14, 7, 34, 0, 123)],
  ])('parses %s', (text, epochMs) => {
    expect(parseIso8601(text).getTime()).toBe(epochMs);
  });

  it.each(['2024-05-14T09:34:00', '2024-13-01T00:00:00Z', '2024-02-30T00:00:00Z', 'yesterday'])(
    'refuses %p',
    (text) => {
      expect(() => parseIso8601(text)).toThrow(RangeError);
      expect(isIso8601(text)).toBe(false);
    },
  );

  it('formats whole-second UTC', () => {
    expect(formatIso8601(new Date(Date.UTC(2019, 2, 5, 21, 40, 11, 500)))).toBe('2019-03-05T21:40:11Z');
  });
});

describe('either format and unix seconds', () => {
  it('reads both families to the same instant', () => {
    expect(parseBigCommerceDate('Thu, 20 Apr 2017 11:32:00 -0400').getTime()).toBe(
      parseBigCommerceDate('2017-04-20T15:32:00Z').getTime(),
    );
  });

  it('reads unix seconds and refuses fractions', () => {
    expect(fromUnixSeconds(1561479335).toISOString()).toBe('2019-06-25T16:15:35.000Z');
    expect(() => fromUnixSeconds(1.5)).toThrow(RangeError);
  });

  it('refuses invalid Date objects when formatting', () => {
    expect(() => formatRfc2822(new Date(Number.NaN))).toThrow(RangeError);
  });
});
