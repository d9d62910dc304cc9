// How a member's year compares with its baseline: an arrow (↑ nâng lên, → giữ nguyên, ↓ giảm),
// or, across the 2017→2018 scale change or the 2025 kind change, "không so sánh được" — never
// silently a drop (DOMAIN.md §3).
import { useTranslation } from 'react-i18next';
import type { Trend } from '../../../shared/domain/progress';
import type { WatchComparison } from '../../../shared/domain/watchlists';
import { NOT_COMPARABLE_LABELS } from '../../../shared/domain/watchlists';

const ARROWS: Record<Exclude<Trend, 'not_comparable'>, string> = { up: '↑', same: '→', down: '↓' };

/** Sort order of comparisons: up first, not comparable last. */
export function comparisonRank(c: WatchComparison): number {
  return { up: 0, same: 1, down: 2, not_comparable: 3 }[c.trend];
}

export function ComparisonMark({ comparison }: { comparison: WatchComparison }) {
  const { t } = useTranslation();
  const { trend, reason } = comparison;
  if (trend !== 'not_comparable') {
    const label = t(`watchlists.trend.${trend}`);
    return (
      <span className={`trend trend-${trend}`} title={label}>
        <span aria-hidden="true">{ARROWS[trend]}</span>
        <span className="visually-hidden">{label}</span>
      </span>
    );
  }
  // Nothing to compare yet is not the same as two years that cannot be compared.
  if (reason === 'missing' || reason === 'not_rated' || reason === null) {
    const label = reason ? NOT_COMPARABLE_LABELS[reason] : t('watchlists.trend.none');
    return (
      <span className="trend trend-none muted" title={label}>
        <span aria-hidden="true">—</span>
        <span className="visually-hidden">{label}</span>
      </span>
    );
  }
  return (
    <span className="trend trend-not-comparable" title={NOT_COMPARABLE_LABELS[reason]}>
      {t('watchlists.trend.not_comparable')}
    </span>
  );
}
