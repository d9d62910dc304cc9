import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { RatingGrid } from '../../../shared/contract';
import { quotaWarnings } from '../../../shared/domain/quota';
import type { RatingScale } from '../../../shared/domain/scales';
import type { Draft, DraftCounts } from './draft';
import { liveQuotaGroups } from './draft';

/**
 * Live counts per level of what the grid shows, and the quota warnings of the committees that
 * decide its rows: each over all the committee's like units (the backend's saved counts with the
 * unsaved edits applied), never over the rows this grid happens to show.
 */
export function LevelCountsBar({
  counts,
  scale,
  grid,
  draft,
}: {
  counts: DraftCounts;
  scale: RatingScale;
  grid: RatingGrid;
  draft: Draft;
}) {
  const { t } = useTranslation();
  const warnings = useMemo(
    () => quotaWarnings(grid.quota, scale, liveQuotaGroups(grid, draft)),
    [grid, draft, scale],
  );
  return (
    <div className="counts-bar" aria-label={t('ratings.total')}>
      <dl>
        {scale.levels.map((level) => (
          <div key={level.code} className={`count tier-${level.tier}`}>
            <dt title={level.name}>{level.abbreviation}</dt>
            <dd data-testid={`count-${level.code}`}>{counts.counts[level.code] ?? 0}</dd>
          </div>
        ))}
        {scale.exemplaryTitle && (
          <div className="count">
            <dt title={`${scale.exemplaryTitle.name} (${scale.exemplaryTitle.basis})`}>
              {scale.exemplaryTitle.label}
            </dt>
            <dd data-testid="count-exemplary">{counts.exemplary}</dd>
          </div>
        )}
        <div className="count">
          <dt>{t('ratings.notRatedCount')}</dt>
          <dd>{counts.notRated}</dd>
        </div>
        <div className="count">
          <dt>{t('ratings.missing')}</dt>
          <dd data-testid="count-missing">{counts.missing}</dd>
        </div>
        <div className="count">
          <dt>{t('ratings.total')}</dt>
          <dd>{grid.rows.length}</dd>
        </div>
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
