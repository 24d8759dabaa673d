import { localDate, parseStoreDate } from './dates';

describe('parseStoreDate', () => {
  it('reads v2 RFC 2822 dates with their offset', () => {
    expect(parseStoreDate('Tue, 05 Mar 2019 21:40:11 +0000')).toBe('2019-03-05T21:40:11.000Z');
    expect(parseStoreDate('Thu, 20 Apr 2017 11:32:00 -0400')).toBe('2017-04-20T15:32:00.000Z');
  });

  it('reads v3 ISO 8601 dates', () => {
    expect(parseStoreDate('2024-03-15T22:10:00+00:00')).toBe('2024-03-15T22:10:00.000Z');
    expect(parseStoreDate('2020-01-15T01:02:34-01:00')).toBe('2020-01-15T02:02:34.000Z');
  });

  it('refuses what is not a date instead of guessing', () => {
    expect(parseStoreDate('2024-03-06 03:15:42')).toBeNull();
    expect(parseStoreDate('Thu, 31 Feb 2024 10:00:00 +0000')).toBeNull();
    expect(parseStoreDate('Mon, 05 Foo 2019 21:40:11 +0000')).toBeNull();
    expect(parseStoreDate('')).toBeNull();
  });
});

describe('localDate', () => {
  it('dates an instant in the connection time zone', () => {
    expect(localDate('2024-03-06T03:15:42.000Z', 'America/Chicago')).toBe('2024-03-05');
    expect(localDate('2024-03-06T03:15:42.000Z', 'UTC')).toBe('2024-03-06');
    expect(localDate('2024-03-31T23:30:00.000Z', 'Europe/London')).toBe('2024-04-01');
    expect(localDate('2024-01-31T23:30:00.000Z', 'Europe/London')).toBe('2024-01-31');
  });
});
