import { useTranslation } from 'react-i18next';
import { CHANGE_LABELS, RANK_LABELS, levelOf, scaleById } from '../../../shared/domain/scales';
import { RatingHistoryChart } from '../charts/RatingHistoryChart';
import { useCall } from '../hooks/useCall';

/** The unit's ratings over the years: a chart and the table behind it. */
export function UnitRatingHistory({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const history = useCall('ratings.history', { unitId });
  const ratings = history.data?.unitId === unitId ? history.data.ratings : [];
  return (
    <section aria-label={t('ratings.history')}>
      <h3>{t('ratings.history')}</h3>
      {ratings.length === 0 ? (
        <p className="muted">{t('ratings.historyEmpty')}</p>
      ) : (
        <>
          <RatingHistoryChart ratings={ratings} />
          <table className="history-table">
            <thead>
              <tr>
                <th>{t('ratings.historyColumns.year')}</th>
                <th>{t('ratings.historyColumns.level')}</th>
                <th>{t('ratings.historyColumns.scale')}</th>
                <th>{t('ratings.historyColumns.note')}</th>
              </tr>
            </thead>
            <tbody>
              {ratings.map((r) => {
                const scale = scaleById(r.scaleId);
                const level = scale ? levelOf(scale, r.levelCode) : null;
                const notes = [
                  r.rank && RANK_LABELS[r.rank],
                  r.change && CHANGE_LABELS[r.change],
                  r.note,
                ].filter(Boolean);
                return (
                  <tr key={r.id}>
                    <td>{r.year}</td>
                    <td title={level?.name}>
                      {level
                        ? `${level.abbreviation}${r.exemplary ? ` ${t('ratings.exemplary')}` : ''}`
                        : r.notRatedReason && `— ${t(`notRated.${r.notRatedReason}`)}`}
                    </td>
                    <td>{scale ? `${scale.fromYear}–${scale.toYear ?? ''}` : r.scaleId}</td>
                    <td>{notes.join('; ')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
