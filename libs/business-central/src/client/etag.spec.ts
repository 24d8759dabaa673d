import { EntityChangedError } from './business-central-errors';
import { SKIP, patchWithReread } from './etag';

interface Row {
  etag: string;
  qty: number;
}

/** A record that someone else changes `interference` times between our read and our patch. */
function store(interference: number) {
  let row: Row = { etag: 'v1', qty: 10 };
  let version = 1;
  let reads = 0;
  const read = async () => {
    reads += 1;
    return { ...row };
  };
  const patch = async (etag: string, qty: number) => {
    if (interference > 0) {
      interference -= 1;
      version += 1;
      row = { etag: `v${version}`, qty: row.qty + 1 };
    }
    if (etag !== row.etag) throw new EntityChangedError('stale');
    version += 1;
    row = { etag: `v${version}`, qty };
    return { ...row };
  };
  return { read, patch, reads: () => reads, current: () => row };
}

describe('patchWithReread', () => {
  it('patches with the ETag it read', async () => {
    const s = store(0);
    const result = await patchWithReread(s.read, (cur) => s.patch(cur.etag, cur.qty + 5));
    expect(result).toMatchObject({ qty: 15 });
    expect(s.reads()).toBe(1);
  });

  it('re-reads and re-applies after a stale ETag (409 Request_EntityChanged)', async () => {
    const s = store(1);
    const result = await patchWithReread(s.read, (cur) => s.patch(cur.etag, cur.qty + 5));
    expect(result).toMatchObject({ qty: 16 });
    expect(s.reads()).toBe(2);
  });

  it('skips when the fresh record makes the change unnecessary', async () => {
    const s = store(1);
    const result = await patchWithReread(s.read, async (cur) => (cur.qty >= 11 ? SKIP : s.patch(cur.etag, 11)));
    expect(result).toBeUndefined();
    expect(s.current().qty).toBe(11);
  });

  it('gives up after the configured rounds with the conflict', async () => {
    const s = store(10);
    await expect(patchWithReread(s.read, (cur) => s.patch(cur.etag, 1), { attempts: 3 })).rejects.toBeInstanceOf(
      EntityChangedError,
    );
    expect(s.reads()).toBe(3);
  });

  it('does not retry other errors', async () => {
    const s = store(0);
    await expect(patchWithReread(s.read, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(s.reads()).toBe(1);
  });
});
