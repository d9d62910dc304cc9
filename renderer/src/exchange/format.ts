// How the exchange screen writes times, year ranges and record counts for people.
import { EXCHANGE_ENTITIES, EXCHANGE_ENTITY_LABELS } from '../../../shared/methods/exchange';
import { formatNumber } from '../../../shared/domain/summary';

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO instant as this machine's local "20/01/2019 10:05". */
export function formatDateTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return (
    `${pad(at.getDate())}/${pad(at.getMonth() + 1)}/${at.getFullYear()} ` +
    `${pad(at.getHours())}:${pad(at.getMinutes())}`
  );
}

/** "2016–2018", "2018", or the text for every year. */
export function yearsText(years: { from: number; to: number } | null, allYears: string): string {
  if (years === null) return allYears;
  return years.from === years.to ? String(years.from) : `${years.from}–${years.to}`;
}

/** "Tổ chức: 12; Kết quả xếp loại: 340" — the kinds a file holds, in the file's order. */
export function entityCountsText(counts: Record<string, number>, nothing: string): string {
  const parts = EXCHANGE_ENTITIES.filter((e) => (counts[e] ?? 0) > 0).map(
    (e) => `${EXCHANGE_ENTITY_LABELS[e]}: ${formatNumber(counts[e] ?? 0)}`,
  );
  return parts.length > 0 ? parts.join('; ') : nothing;
}
