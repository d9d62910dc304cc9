// Years the app accepts. Ratings go back to the 2008 scale; the register may hold older units.
export const MIN_YEAR = 1930;
export const MAX_YEAR = 2100;

export function currentYear(now: Date = new Date()): number {
  return now.getFullYear();
}

/** ISO date (yyyy-mm-dd) → dd/mm/yyyy, the Vietnamese display form. */
export function formatDateVi(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}
