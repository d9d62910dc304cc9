// Years the app accepts: one rule for every year field (register, lineage, ratings, import, CLI,
// the renderer's year inputs). The register may hold units older than the rating scales.
export const MIN_YEAR = 1930;

/** The latest year any field accepts: ratings and decisions for next year are made in advance. */
export function latestYear(currentYear: number): number {
  return currentYear + 1;
}

/** The one message of the rule, naming the range. */
export function yearRangeMessage(currentYear: number): string {
  return `Năm phải từ ${MIN_YEAR} đến ${latestYear(currentYear)}.`;
}

/** Null when `year` is within the range as of `currentYear`, else the message to show. */
export function yearProblem(year: number, currentYear: number): string | null {
  return year >= MIN_YEAR && year <= latestYear(currentYear) ? null : yearRangeMessage(currentYear);
}

/** This machine's calendar year: the renderer's idea of "now" (the backend has its own clock). */
export function currentYear(now: Date = new Date()): number {
  return now.getFullYear();
}

// The year schemas (shared/schemas.ts) cannot be handed a clock, so the backend's dispatcher runs
// each (synchronous) parse inside `withSchemaYear(clockYear(ctx), …)`. Outside such a parse (the
// renderer's forms) they check against this machine's year, which is the same clock in the app.
let schemaYear: number | null = null;

/** Runs `parse` with the year schemas checking against `year` as the current year. */
export function withSchemaYear<T>(year: number, parse: () => T): T {
  const outer = schemaYear;
  schemaYear = year;
  try {
    return parse();
  } finally {
    schemaYear = outer;
  }
}

/** The current year the year schemas check against right now. */
export function schemaCurrentYear(): number {
  return schemaYear ?? currentYear();
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
