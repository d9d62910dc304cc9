// Tổng quan, the home screen: this year's lists of "diện củng cố" and how their members moved,
// the measures past their due date, the units still rated at the lowest level, and the units
// with no rating entered yet for the last year. Everything opens where it can be dealt with.
import { useTranslation } from 'react-i18next';
import type { Overview } from '../../../shared/contract';
import { formatDateVi } from '../../../shared/domain/years';
import { useCall } from '../hooks/useCall';
import { useAppStore } from '../stores/app';
import { YearInput } from '../ui/YearInput';
import { OverviewLists } from './OverviewLists';

export function OverviewScreen() {
  const { t } = useTranslation();
  const year = useAppStore((s) => s.year);
  const setYear = useAppStore((s) => s.setYear);
  const overview = useCall('overview.get', { year });
  const data = overview.data?.year === year ? overview.data : null;
  return (
    <section className="screen overview">
      <header className="toolbar">
        <h1>{t('nav.dashboard')}</h1>
        <YearInput label={t('overview.year')} value={year} onCommit={setYear} />
        {data && (
          <span className="muted">
            {t('overview.ratingYear', { year: data.ratingYear, today: formatDateVi(data.today) })}
          </span>
        )}
      </header>
      {overview.error && (
        <p className="error" role="alert">
          {overview.error}
        </p>
      )}
      {data ? (
        <OverviewBody data={data} />
      ) : (
        !overview.error && <p className="muted">{t('app.loading')}</p>
      )}
    </section>
  );
}

function OverviewBody({ data }: { data: Overview }) {
  const navigate = useAppStore((s) => s.navigate);
  const { t } = useTranslation();
  const openUnit = (unitId: string) => void navigate('units', { unitId, year: data.ratingYear });
  return (
    <div className="overview-grid">
      <OverviewLists data={data} />
      <section className="panel" aria-label={t('overview.overdue.title')}>
        <h2>
          {t('overview.overdue.title')}
          <span className={data.overdue.total > 0 ? 'count-pill alert' : 'count-pill'}>
            {data.overdue.total}
          </span>
        </h2>
        {data.overdue.total === 0 ? (
          <p className="muted">{t('overview.overdue.none', { year: data.year })}</p>
        ) : (
          <ul className="overview-items">
            {data.overdue.items.map((m) => (
              <li key={m.measureId}>
                <button
                  type="button"
                  className="link"
                  onClick={() =>
                    void navigate('watchlists', { listId: m.watchlistId, memberId: m.memberId })
                  }
                >
                  {m.title}
                </button>
                <small className="block">
                  {m.unitName} ·{' '}
                  <span className="overdue">
                    {t('overview.overdue.due', {
                      date: formatDateVi(m.dueOn),
                      days: m.daysOverdue,
                    })}
                  </span>
                  {m.responsible && ` · ${m.responsible}`}
                </small>
              </li>
            ))}
          </ul>
        )}
        <More shown={data.overdue.items.length} total={data.overdue.total} />
      </section>
      <section
        className="panel"
        aria-label={t('overview.weakest.title', { year: data.ratingYear })}
      >
        <h2>
          {t('overview.weakest.title', { year: data.ratingYear })}
          <span className="count-pill">{data.weakest.total}</span>
        </h2>
        {data.weakest.total === 0 ? (
          <p className="muted">{t('overview.weakest.none', { year: data.ratingYear })}</p>
        ) : (
          <ul className="overview-items">
            {data.weakest.items.map((u) => (
              <li key={u.unitId}>
                <button type="button" className="link" onClick={() => openUnit(u.unitId)}>
                  {u.name}
                </button>
                <small className="block muted">
                  {[u.text, u.parentName].filter(Boolean).join(' · ')}
                  {' · '}
                  {u.onList ? (
                    t('overview.weakest.onList')
                  ) : (
                    <span className="overdue">{t('overview.weakest.notOnList')}</span>
                  )}
                </small>
              </li>
            ))}
          </ul>
        )}
        <More shown={data.weakest.items.length} total={data.weakest.total} />
      </section>
      <section
        className="panel"
        aria-label={t('overview.unrated.title', { year: data.ratingYear })}
      >
        <h2>
          {t('overview.unrated.title', { year: data.ratingYear })}
          <span className="count-pill">{data.unrated.total}</span>
        </h2>
        {data.unrated.total === 0 ? (
          <p className="muted">{t('overview.unrated.none', { year: data.ratingYear })}</p>
        ) : (
          <ul className="overview-items">
            {data.unrated.items.map((u) => (
              <li key={u.unitId}>
                <button type="button" className="link" onClick={() => openUnit(u.unitId)}>
                  {u.name}
                </button>
                {u.parentName && <small className="muted"> — {u.parentName}</small>}
              </li>
            ))}
          </ul>
        )}
        <More shown={data.unrated.items.length} total={data.unrated.total} />
      </section>
    </div>
  );
}

/** Said when a list shows only the first rows of a longer total. */
function More({ shown, total }: { shown: number; total: number }) {
  const { t } = useTranslation();
  return shown < total ? <p className="muted">{t('overview.more', { shown, total })}</p> : null;
}
