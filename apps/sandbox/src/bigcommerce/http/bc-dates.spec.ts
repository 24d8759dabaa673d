import { parseFilterDate, toIsoOffset, toIsoZ, toRfc2822 } from './bc-dates';

describe('BigCommerce dates', () => {
  const ms = Date.UTC(2019, 2, 5, 21, 40, 11);

  it('prints v2 dates as RFC 2822 in UTC and v3 dates as ISO 8601', () => {
    expect(toRfc2822(ms)).toBe('Tue, 05 Mar 2019 21:40:11 +0000');
    expect(toIsoOffset(ms)).toBe('2019-03-05T21:40:11+00:00');
    expect(toIsoZ(ms)).toBe('2019-03-05T21:40:11Z');
  });

  it('reads RFC 2822 and ISO 8601 filter values with their offsets', () => {
    expect(parseFilterDate('Thu, 20 Apr 2017 11:32:00 -0400')).toBe(Date.UTC(2017, 3, 20, 15, 32));
    expect(parseFilterDate('20 Apr 2017 11:32:00 +0000')).toBe(Date.UTC(2017, 3, 20, 11, 32));
    expect(parseFilterDate('2017-04-20T11:32:00.000-04:00')).toBe(Date.UTC(2017, 3, 20, 15, 32));
    expect(parseFilterDate('2017-04-20')).toBe(Date.UTC(2017, 3, 20));
    expect(parseFilterDate('2017-04-20T11:32:00')).toBe(Date.UTC(2017, 3, 20, 11, 32));
  });

  it('refuses a date whose "+" arrived as a space (sent without URL-encoding) and other free text', () => {
    expect(parseFilterDate('Thu, 20 Apr 2017 11:32:00  0000')).toBeUndefined();
    expect(parseFilterDate('2017-04-20T11:32:00 00:00')).toBeUndefined();
    expect(parseFilterDate('yesterday')).toBeUndefined();
  });
});
