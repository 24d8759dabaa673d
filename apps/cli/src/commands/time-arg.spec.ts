import { CliError } from '../cli-error';
import { table } from '../output';
import { parseTimeArg } from './time-arg';

describe('parseTimeArg', () => {
  const now = Date.parse('2026-11-28T12:00:00Z');
  it.each([
    ['2026-11-28T08:00:00Z', '2026-11-28T08:00:00.000Z'],
    ['2026-11-27', '2026-11-27T00:00:00.000Z'],
    ['90m', '2026-11-28T10:30:00.000Z'],
    ['24h', '2026-11-27T12:00:00.000Z'],
    ['7d', '2026-11-21T12:00:00.000Z'],
  ])('%s -> %s', (input, expected) => {
    expect(new Date(parseTimeArg(input, '--from', now)).toISOString()).toBe(expected);
  });

  it('names the option and the bad value', () => {
    expect(() => parseTimeArg('last tuesday', '--since', now)).toThrow(CliError);
    expect(() => parseTimeArg('last tuesday', '--since', now)).toThrow('--since must be an ISO 8601 time');
  });
});

describe('table', () => {
  it('pads columns and shows missing values as -', () => {
    expect(table([{ id: 'acme', n: 1 }, { id: 'globex-store', n: undefined }], ['id', 'n'])).toBe(
      ['ID            N', 'acme          1', 'globex-store  -'].join('\n'),
    );
    expect(table([], ['id'])).toBe('(none)');
  });
});
