// A member's rating trajectory: the unit's history chart with the years it spent on lists of
// "diện củng cố" shaded, and each year of this list: the level (from the ratings), the
// comparison with the baseline and the year before, "mức độ chuyển biến", the rank within the
// level ("tốp cuối") and the list's remark — each year editable.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberYearResult, WatchlistDetail, WatchlistMember } from '../../../shared/contract';
import { RANK_LABELS } from '../../../shared/domain/scales';
import { CHANGE_LEVEL_LABELS } from '../../../shared/domain/watchlists';
import type { YearSpan } from '../charts/LazyRatingHistoryChart';
import { RatingHistoryChart } from '../charts/LazyRatingHistoryChart';
import { useCall } from '../hooks/useCall';
import { ComparisonMark } from './Comparison';
import { ratingCell } from './MemberTable';
import { ResultDialog } from './ResultDialog';

export function MemberTrajectory(props: { list: WatchlistDetail; member: WatchlistMember }) {
  const { t } = useTranslation();
  const { list, member } = props;
  const [editing, setEditing] = useState<MemberYearResult | null>(null);
  const history = useCall('ratings.history', { unitId: member.unitId });
  const places = useCall('watchlists.ofUnit', { unitId: member.unitId });
  const ratings = history.data?.unitId === member.unitId ? history.data.ratings : [];
  const spans: YearSpan[] = (places.data ?? []).map((p) => ({
    from: p.year,
    to: p.toYear ?? p.year,
  }));
  const baselineYear = list.year - 1;
  const notRated = t('watchlists.notRated');
  return (
    <section aria-label={t('results.title')}>
      <h3>{t('results.title')}</h3>
      <p className="muted">
        {t('results.baseline', {
          year: baselineYear,
          level: ratingCell(member.baseline, notRated) || t('results.noRating'),
        })}
      </p>
      {ratings.length > 0 && <RatingHistoryChart ratings={ratings} shaded={spans} />}
      <table className="history-table results-table">
        <thead>
          <tr>
            <th>{t('results.year')}</th>
            <th>{t('results.level')}</th>
            <th>{t('results.compare')}</th>
            <th>{t('results.change')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {member.results.map((r) => (
            <ResultRow
              key={r.year}
              result={r}
              first={r.year === list.year}
              onEdit={() => setEditing(r)}
            />
          ))}
        </tbody>
      </table>
      {editing && (
        <ResultDialog member={member} result={editing} onClose={() => setEditing(null)} />
      )}
    </section>
  );
}

function ResultRow(props: { result: MemberYearResult; first: boolean; onEdit: () => void }) {
  const { t } = useTranslation();
  const r = props.result;
  const level = ratingCell(r.rating, t('watchlists.notRated'));
  return (
    <>
      <tr>
        <td>{r.year}</td>
        <td>
          {level || <span className="muted">{t('results.noRating')}</span>}
          {r.rank && <small className="muted"> · {RANK_LABELS[r.rank]}</small>}
          {r.followed && <small className="muted block">{r.unitName}</small>}
        </td>
        <td>
          <ComparisonMark comparison={r.vsBaseline} />
          {!props.first && (
            <small className="muted block">
              {t('results.vsPrevious')} <ComparisonMark comparison={r.vsPrevious} />
            </small>
          )}
        </td>
        <td>{r.change ? CHANGE_LEVEL_LABELS[r.change] : ''}</td>
        <td>
          <button
            type="button"
            className="link"
            aria-label={`${t('results.edit')} ${r.year}`}
            onClick={props.onEdit}
          >
            {t('results.edit')}
          </button>
        </td>
      </tr>
      {r.remark && (
        <tr className="remark">
          <td />
          <td colSpan={4}>{r.remark}</td>
        </tr>
      )}
    </>
  );
}
