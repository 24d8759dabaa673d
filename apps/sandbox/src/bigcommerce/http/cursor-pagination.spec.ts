import { cursorPage, encodeCursor } from './cursor-pagination';

const items = Array.from({ length: 7 }, (_, i) => ({ id: i + 1 }));
const q = (s: string) => new URLSearchParams(s);

describe('cursor pagination', () => {
  it('first page carries both metas; cursor pages only cursor_pagination; later pages only pagination', () => {
    const first = cursorPage(items, q(''), { page: 1, limit: 3 });
    expect(first.ok && Object.keys(first.meta).sort()).toEqual(['cursor_pagination', 'pagination']);
    const after = cursorPage(items, q(`after=${encodeCursor(3)}`), { page: 1, limit: 3 });
    expect(after.ok && after.items.map((i) => i.id)).toEqual([4, 5, 6]);
    expect(after.ok && Object.keys(after.meta)).toEqual(['cursor_pagination']);
    const later = cursorPage(items, q('page=2'), { page: 2, limit: 3 });
    expect(later.ok && Object.keys(later.meta)).toEqual(['pagination']);
  });

  it('goes back with before, stops offering next at the end, refuses bad or combined cursors', () => {
    const before = cursorPage(items, q(`before=${encodeCursor(5)}`), { page: 1, limit: 3 });
    expect(before.ok && before.items.map((i) => i.id)).toEqual([2, 3, 4]);
    const last = cursorPage(items, q(`after=${encodeCursor(6)}`), { page: 1, limit: 3 });
    expect(last.ok && (last.meta.cursor_pagination as { links: Record<string, string> }).links.next).toBeUndefined();
    expect(cursorPage(items, q('after=garbage'), { page: 1, limit: 3 }).ok).toBe(false);
    expect(cursorPage(items, q(`after=${encodeCursor(1)}&before=${encodeCursor(2)}`), { page: 1, limit: 3 }).ok).toBe(
      false,
    );
  });
});
