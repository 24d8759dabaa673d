import { PermanentError } from '@mlc/platform-errors';
import { ODataPage, ODataPager } from './odata-pager';

function pagerOver(pages: Record<string, ODataPage<number>>, seen: Array<string | undefined>) {
  return new ODataPager<number>(async (link) => {
    seen.push(link);
    const page = pages[link ?? 'first'];
    if (!page) throw new Error(`unexpected link ${link}`);
    return page;
  });
}

describe('ODataPager', () => {
  const pages: Record<string, ODataPage<number>> = {
    first: { items: [1, 2], nextLink: 'https://bc/items?$skiptoken=2' },
    'https://bc/items?$skiptoken=2': { items: [3, 4], nextLink: 'https://bc/items?$skiptoken=4' },
    'https://bc/items?$skiptoken=4': { items: [5] },
  };

  it('follows @odata.nextLink verbatim to the end and returns every row once', async () => {
    const seen: Array<string | undefined> = [];
    expect(await pagerOver(pages, seen).toArray()).toEqual([1, 2, 3, 4, 5]);
    expect(seen).toEqual([undefined, 'https://bc/items?$skiptoken=2', 'https://bc/items?$skiptoken=4']);
  });

  it('yields whole pages, and iterates rows lazily', async () => {
    const seen: Array<string | undefined> = [];
    const pager = pagerOver(pages, seen);
    const sizes: number[] = [];
    for await (const page of pager.pages()) sizes.push(page.length);
    expect(sizes).toEqual([2, 2, 1]);

    const lazySeen: Array<string | undefined> = [];
    for await (const row of pagerOver(pages, lazySeen)) if (row === 2) break;
    expect(lazySeen).toEqual([undefined]);
  });

  it('handles an empty collection', async () => {
    expect(await pagerOver({ first: { items: [] } }, []).toArray()).toEqual([]);
  });

  it('stops with a permanent error when a nextLink repeats', async () => {
    const loop = {
      first: { items: [1], nextLink: 'https://bc/a' },
      'https://bc/a': { items: [2], nextLink: 'https://bc/a' },
    };
    await expect(pagerOver(loop, []).toArray()).rejects.toBeInstanceOf(PermanentError);
  });
});
