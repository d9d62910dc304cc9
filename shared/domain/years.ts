// Years the app accepts. Ratings go back to the 2008 scale; the register may hold older units.
export const MIN_YEAR = 1930;
export const MAX_YEAR = 2100;

export function currentYear(now: Date = new Date()): number {
  return now.getFullYear();
}

export type ParsedDate = { ok: true; iso: string } | { ok: false; message: string };

/**
 * A date as Vietnamese users write it (17/02/2017, 1/7/2025) or in ISO form (2017-02-17), to
 * ISO. Impossible dates (30/02) are refused rather than rolled over.
 */
export function parseDate(text: string): ParsedDate {
  const vi = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const [y, m, d] = vi ? [vi[3], vi[2], vi[1]] : iso ? [iso[1], iso[2], iso[3]] : [];
  if (!y || !m || !d) {
    return {
      ok: false,
      message: 'Ngày phải có dạng ngày/tháng/năm (dd/mm/yyyy), ví dụ 17/02/2017.',
    };
  }
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (
    date.getUTCFullYear() !== Number(y) ||
    date.getUTCMonth() !== Number(m) - 1 ||
    date.getUTCDate() !== Number(d)
  ) {
    return { ok: false, message: 'Ngày không hợp lệ.' };
  }
  return { ok: true, iso: date.toISOString().slice(0, 10) };
}

/** ISO date (yyyy-mm-dd) → dd/mm/yyyy, the Vietnamese display form. */
export function formatDateVi(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}
