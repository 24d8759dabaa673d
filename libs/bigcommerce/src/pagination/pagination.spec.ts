import { CursorPage, CursorPaginator, PageRequest } from './cursor-paginator';
import { V2PagePaginator } from './v2-page-paginator';
import { V3OffsetPaginator, V3Page } from './v3-offset-paginator';

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

describe('V2PagePaginator', () => {
  it('pages until a short page', async () => {
    const calls: Array<[number, number]> = [];
    const rows = range(1, 7);
    const paginator = new V2PagePaginator(async (page, limit) => {
      calls.push([page, limit]);
      return rows.slice((page - 1) * limit, page * limit);
    }, 3);
    expect(await collect(paginator)).toEqual(rows);
    expect(calls).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });

  it('stops at an empty page (a 204) after exactly full pages', async () => {
    const calls: number[] = [];
    const paginator = new V2PagePaginator(async (page) => {
      calls.push(page);
      return page <= 2 ? range(page * 10, 2) : [];
    }, 2);
    expect(await collect(paginator)).toEqual([10, 11, 20, 21]);
    expect(calls).toEqual([1, 2, 3]);
  });

  it('yields nothing for an empty collection and refuses a zero page size', async () => {
    expect(await collect(new V2PagePaginator(async () => [], 50))).toEqual([]);
    expect(() => new V2PagePaginator(async () => [], 0)).toThrow(RangeError);
  });
});

describe('V3OffsetPaginator', () => {
  const pageOf = (page: number, totalPages: number, data: number[]): V3Page<number> => ({
    data,
    meta: { pagination: { current_page: page, total_pages: totalPages } },
  });

  it('follows meta.pagination to the last page', async () => {
    const calls: number[] = [];
    const paginator = new V3OffsetPaginator(async (page) => {
      calls.push(page);
      return pageOf(page, 3, [page]);
    }, 1);
    expect(await collect(paginator)).toEqual([1, 2, 3]);
    expect(calls).toEqual([1, 2, 3]);
  });

  it('stops on an empty data array even if total_pages says more', async () => {
    const paginator = new V3OffsetPaginator(async (page) => pageOf(page, 9, page === 1 ? [1, 2] : []), 2);
    expect(await collect(paginator)).toEqual([1, 2]);
  });

  it('without pagination meta, continues only after a full page', async () => {
    const calls: number[] = [];
    const paginator = new V3OffsetPaginator<number>(async (page) => {
      calls.push(page);
      return { data: page === 1 ? [1, 2] : [3], meta: {} };
    }, 2);
    expect(await collect(paginator)).toEqual([1, 2, 3]);
    expect(calls).toEqual([1, 2]);
  });
});

describe('CursorPaginator', () => {
  const cursorPage = (data: number[], end: string | undefined, next: string | undefined): CursorPage<number> => ({
    data,
    meta: { cursor_pagination: { count: data.length, per_page: 2, end_cursor: end, links: { next } } },
  });

  it('passes after=<end_cursor> until there is no next link', async () => {
    const requests: PageRequest[] = [];
    const pages: Record<string, CursorPage<number>> = {
      first: cursorPage([1, 2], 'c2', '?after=c2'),
      c2: cursorPage([3, 4], 'c4', '?after=c4'),
      c4: cursorPage([5], 'c5', undefined),
    };
    const paginator = new CursorPaginator(async (request) => {
      requests.push(request);
      return pages['after' in request ? request.after : 'first']!;
    }, 2);
    expect(await collect(paginator)).toEqual([1, 2, 3, 4, 5]);
    expect(requests).toEqual([{}, { after: 'c2' }, { after: 'c4' }]);
  });

  it('stops on a cursor that does not move', async () => {
    let calls = 0;
    const paginator = new CursorPaginator(async () => {
      calls += 1;
      return cursorPage([calls], 'same', '?after=same');
    }, 1);
    expect(await collect(paginator)).toEqual([1, 2]);
    expect(calls).toBe(2);
  });

  it('without links, a short page ends it', async () => {
    const paginator = new CursorPaginator<number>(async (request) => ({
      data: 'after' in request ? [3] : [1, 2],
      meta: { cursor_pagination: { per_page: 2, end_cursor: 'after' in request ? 'z' : 'y' } },
    }));
    expect(await collect(paginator)).toEqual([1, 2, 3]);
  });

  it('falls back to page numbers when only offset pagination comes back', async () => {
    const requests: PageRequest[] = [];
    const paginator = new CursorPaginator<number>(async (request) => {
      requests.push(request);
      const page = 'page' in request ? request.page : 1;
      return { data: [page], meta: { pagination: { current_page: page, total_pages: 2 } } };
    });
    expect(await collect(paginator)).toEqual([1, 2]);
    expect(requests).toEqual([{}, { page: 2 }]);
  });
});

describe('runaway guard', () => {
  it('stops a server that ignores the page parameter instead of looping forever', async () => {
    let calls = 0;
    const stuck = new V2PagePaginator(
      async () => {
        calls += 1;
        return [1, 2];
      },
      2,
      5,
    );
    await expect(collect(stuck)).rejects.toThrow('pagination did not end after 5 pages');
    expect(calls).toBe(5);
  });

  it('bounds cursor paging too', async () => {
    let n = 0;
    const endless = new CursorPaginator<number>(
      async () => {
        n += 1;
        return { data: [n], meta: { cursor_pagination: { end_cursor: `c${n}`, links: { next: 'more' } } } };
      },
      1,
      3,
    );
    await expect(collect(endless)).rejects.toThrow('after 3 pages');
  });
});
