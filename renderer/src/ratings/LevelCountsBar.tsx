import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { RatingGrid } from '../../../shared/contract';
import { quotaWarnings } from '../../../shared/domain/quota';
import type { RatingScale } from '../../../shared/domain/scales';
import { formatNumber } from '../../../shared/domain/summary';
import type { Draft, DraftCounts } from './draft';
import { liveQuotaGroups } from './draft';

/**
 * Live counts per level of what the grid shows, and the quota warnings of the committees that
 * decide its rows: each over all the committee's like units (the backend's saved counts with the
 * unsaved edits applied), never over the rows this grid happens to show. While the grid's pages
 * are still being read (`complete` false) both wait: counted over part of the rows they would be
 * wrong (a drafted row of a page not read yet would be left out of its committee's warning).
 */
export function LevelCountsBar({
  counts,
  scale,
  grid,
  draft,
  complete,
  total,
  stalled = false,
}: {
  counts: DraftCounts;
  scale: RatingScale;
  grid: RatingGrid;
  draft: Draft;
  complete: boolean;
  /** How many rows the whole grid has. */
  total: number;
  /** A later page could not be read: the rows stop where they are until the grid is read again. */
  stalled?: boolean;
}) {
  const { t } = useTranslation();
  const warnings = useMemo(
    () => (complete ? quotaWarnings(grid.quota, scale, liveQuotaGroups(grid, draft)) : []),
    [grid, draft, scale, complete],
  );
  const shown = (n: number) => (complete ? formatNumber(n) : '…');
  const progress = { loaded: formatNumber(grid.rows.length), total: formatNumber(total) };
  return (
    <div className="counts-bar" aria-label={t('ratings.total')}>
      <dl>
        {scale.levels.map((level) => (
          <div key={level.code} className={`count tier-${level.tier}`}>
            <dt title={level.name}>{level.abbreviation}</dt>
            <dd data-testid={`count-${level.code}`}>{shown(counts.counts[level.code] ?? 0)}</dd>
          </div>
        ))}
        {scale.exemplaryTitle && (
          <div className="count">
            <dt title={`${scale.exemplaryTitle.name} (${scale.exemplaryTitle.basis})`}>
              {scale.exemplaryTitle.label}
            </dt>
            <dd data-testid="count-exemplary">{shown(counts.exemplary)}</dd>
          </div>
        )}
        <div className="count">
          <dt>{t('ratings.notRatedCount')}</dt>
          <dd>{shown(counts.notRated)}</dd>
        </div>
        <div className="count">
          <dt>{t('ratings.missing')}</dt>
          <dd data-testid="count-missing">{shown(counts.missing)}</dd>
        </div>
        <div className="count">
          <dt>{t('ratings.total')}</dt>
          <dd>{formatNumber(total)}</dd>
        </div>
        {/* Under the figures that wait for it, at the right, out of the flow: neither a line of
            its own nor a box beside them (at 1024 px that box wrapped the row), so the grid
            below does not move when the last page arrives. */}
        {!complete && (
          <div
            className="grid-progress"
            data-testid="grid-progress"
            aria-live="polite"
            title={t(stalled ? 'ratings.stalledPages' : 'ratings.loadingPages', progress)}
          >
            <dt>{t(stalled ? 'ratings.stalledLabel' : 'ratings.loadingLabel')}</dt>
            <dd>{t('ratings.loadedOf', progress)}</dd>
          </div>
        )}
      </dl>
      {warnings.map((w) => (
        <p
          key={`${w.committeeId ?? ''}|${w.kind}`}
          className="warning"
          role="status"
          data-testid="quota-warning"
        >
          ⚠ {w.message}
        </p>
      ))}
    </div>
  );
}
