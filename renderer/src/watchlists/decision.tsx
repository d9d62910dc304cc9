// A list's decision as one line: "Số 33-NQ/TU, ngày 17/02/2017 · mở rộng danh sách …".
import { useTranslation } from 'react-i18next';
import type { Watchlist } from '../../../shared/contract';
import { formatDateVi } from '../../../shared/domain/years';

/** "2017" or "2017–2018". */
export function yearsText(list: { year: number; toYear: number | null }): string {
  return list.toYear && list.toYear !== list.year
    ? `${list.year}–${list.toYear}`
    : String(list.year);
}

/** `related`: also name the lists it adds to or continues (the list's page links them apart). */
export function DecisionLine({ list, related = true }: { list: Watchlist; related?: boolean }) {
  const { t } = useTranslation();
  const parts = [
    list.number
      ? list.decidedOn
        ? t('watchlists.decision', { number: list.number, date: formatDateVi(list.decidedOn) })
        : t('watchlists.decisionNumber', { number: list.number })
      : list.decidedOn
        ? t('watchlists.decisionDate', { date: formatDateVi(list.decidedOn) })
        : t('watchlists.noDecision'),
    related && list.extendsTitle && t('watchlists.extends', { title: list.extendsTitle }),
    related && list.previousTitle && t('watchlists.continues', { title: list.previousTitle }),
  ].filter(Boolean);
  return <small className="muted block">{parts.join(' · ')}</small>;
}
