import { useTranslation } from 'react-i18next';
import type { RatingScale } from '../../../shared/domain/scales';
import { quotaWarnings } from '../../../shared/domain/progress';
import type { DraftCounts } from './draft';

/** Live counts per level of what the grid shows, with the scale's quota warnings. */
export function LevelCountsBar({
  counts,
  scale,
  total,
}: {
  counts: DraftCounts;
  scale: RatingScale;
  total: number;
}) {
  const { t } = useTranslation();
  const warnings = quotaWarnings(scale, counts.counts);
  return (
    <div className="counts-bar" aria-label={t('ratings.total')}>
      <dl>
        {scale.levels.map((level) => (
          <div key={level.code} className={`count tier-${level.tier}`}>
            <dt title={level.name}>{level.abbreviation}</dt>
            <dd data-testid={`count-${level.code}`}>{counts.counts[level.code] ?? 0}</dd>
          </div>
        ))}
        {scale.exemplaryLevel && (
          <div className="count">
            <dt>{t('ratings.exemplary')}</dt>
            <dd>{counts.exemplary}</dd>
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
          <dd>{total}</dd>
        </div>
      </dl>
      {warnings.map((w) => (
        <p key={w.level} className="warning" role="status">
          ⚠ {w.message}
        </p>
      ))}
    </div>
  );
}
