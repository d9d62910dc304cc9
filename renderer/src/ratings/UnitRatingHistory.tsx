import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Rating } from '../../../shared/contract';
import {
  CHANGE_LABELS,
  RANK_LABELS,
  levelOf,
  ratingText,
  scaleById,
  scaleForYear,
} from '../../../shared/domain/scales';
import { RatingHistoryChart } from '../charts/LazyRatingHistoryChart';
import { useCall } from '../hooks/useCall';
import { useAppStore } from '../stores/app';
import { RatingEditDialog } from './RatingEditDialog';

/** The unit's ratings over the years: a chart and the table behind it. */
export function UnitRatingHistory({ unitId, unitName }: { unitId: string; unitName: string }) {
  const { t } = useTranslation();
  const year = useAppStore((s) => s.year);
  const navigate = useAppStore((s) => s.navigate);
  const [editing, setEditing] = useState<{ year: number; rating: Rating | null } | null>(null);
  const history = useCall('ratings.history', { unitId });
  const loaded = history.data?.unitId === unitId ? history.data : null;
  const ratings = loaded?.ratings ?? [];
  const streak = loaded?.exemplaryStreak ?? null;
  const editScale = editing ? scaleForYear(editing.year) : null;
  return (
    <section aria-label={t('ratings.history')}>
      <h3>{t('ratings.history')}</h3>
      {scaleForYear(year) && (
        <button
          type="button"
          onClick={() => setEditing({ year, rating: ratings.find((r) => r.year === year) ?? null })}
        >
          {t('ratingEdit.open', { year })}
        </button>
      )}
      {editing && editScale && (
        <RatingEditDialog
          unitId={unitId}
          unitName={unitName}
          year={editing.year}
          scale={editScale}
          rating={editing.rating}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
          }}
        />
      )}
      {ratings.length === 0 ? (
        <p className="muted">{t('ratings.historyEmpty')}</p>
      ) : (
        <>
          {streak && streak.years > 1 && (
            // Five exemplary years in a row lead to higher commendations (bằng khen, cờ).
            <p
              className={streak.reachedFive ? 'streak reached' : 'streak muted'}
              data-testid="exemplary-streak"
            >
              {t(streak.reachedFive ? 'ratings.streakFive' : 'ratings.streakShort', {
                years: streak.years,
                from: streak.from,
                to: streak.to,
              })}
            </p>
          )}
          <RatingHistoryChart ratings={ratings} />
          <table className="history-table">
            <thead>
              <tr>
                <th>{t('ratings.historyColumns.year')}</th>
                <th>{t('ratings.historyColumns.level')}</th>
                <th>{t('ratings.historyColumns.scale')}</th>
                <th>{t('ratings.historyColumns.note')}</th>
                <th />
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
                    <td>
                      <button
                        type="button"
                        className="link"
                        title={t('ratings.historyOpenYear', { year: r.year })}
                        onClick={() => void navigate('units', { unitId, year: r.year })}
                      >
                        {r.year}
                      </button>
                    </td>
                    <td title={level?.name}>
                      {level
                        ? ratingText(scale, r.levelCode, r.exemplary)
                        : r.notRatedReason && `— ${t(`notRated.${r.notRatedReason}`)}`}
                    </td>
                    <td>{scale ? `${scale.fromYear}–${scale.toYear ?? ''}` : r.scaleId}</td>
                    <td>{notes.join('; ')}</td>
                    <td>
                      <button
                        type="button"
                        className="link"
                        aria-label={`${t('ratingEdit.edit')} ${r.year}`}
                        onClick={() => setEditing({ year: r.year, rating: r })}
                      >
                        {t('ratingEdit.edit')}
                      </button>
                    </td>
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
