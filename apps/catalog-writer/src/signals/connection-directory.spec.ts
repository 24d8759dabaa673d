import { ConnectionDirectory } from './connection-directory';

describe('ConnectionDirectory', () => {
  it('finds a connection added after the last refresh, and asks the registry at most once per miss interval', async () => {
    let clock = 0;
    let lists = 0;
    const ids = ['acme'];
    const registry = { list: async () => (lists++, ids.map((id) => ({ id }))) } as never;
    const directory = new ConnectionDirectory(registry, 5000, 1000, () => clock);
    expect(await directory.knows('acme')).toBe(true);
    expect(await directory.knows('other')).toBe(false);
    expect(lists).toBe(1);
    ids.push('other');
    clock = 999;
    expect(await directory.knows('other')).toBe(false);
    clock = 1000;
    expect(await directory.knows('other')).toBe(true);
    expect(lists).toBe(2);
  });
});
