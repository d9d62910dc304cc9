// The cursor of a page of the register: where the previous page ended, in the list's order.
// It is opaque to the caller (base64url of a small JSON) and checked in full when it comes back,
// so a forged or damaged one is refused in Vietnamese, never read as SQL or half-trusted.
import { z } from 'zod';
import { AppError } from '../../../shared/errors';

/**
 * The sort tuple of the last row handed out. The list's order is: exact matches of a search
 * first (`rank`, higher first), then units with an official order by that order (`order`), then
 * the rest (`order` null), each by the stored sort key of the name (`key`), then the unit's id.
 */
export interface PagePosition {
  rank: number;
  order: number | null;
  key: string;
  id: string;
}

const position = z.strictObject({
  r: z.number().int().min(0).max(3),
  o: z.number().int().min(1).max(1_000_000).nullable(),
  k: z.string().max(1000),
  i: z.string().min(1).max(100),
});

export function encodeCursor(p: PagePosition): string {
  const json = JSON.stringify({ r: p.rank, o: p.order, k: p.key, i: p.id });
  return Buffer.from(json, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): PagePosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const p = position.safeParse(parsed);
  if (!p.success) throw invalidCursor();
  return { rank: p.data.r, order: p.data.o, key: p.data.k, id: p.data.i };
}

function invalidCursor(): AppError {
  return new AppError(
    'INVALID_INPUT',
    'Vị trí trang không hợp lệ (có thể danh sách đã được mở lại). Hãy tải lại danh sách từ đầu.',
  );
}
