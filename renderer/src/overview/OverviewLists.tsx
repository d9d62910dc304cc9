// Tổng quan's first panel: the lists covering the year, and how their members moved against
// the baseline (each unit counted once, even when nested lists both name it).
import { useTranslation } from 'react-i18next';
import type { Overview } from '../../../shared/contract';
import { useAppStore } from '../stores/app';

export function OverviewLists({ data }: { data: Overview }) {
  const { t } = useTranslation();
  const navigate = useAppStore((s) => s.navigate);
  const counts = [
    ['total', data.members.total],
    ['up', data.members.up],
    ['same', data.members.same],
    ['down', data.members.down],
    ['notComparable', data.members.notComparable],
    ['notRated', data.members.notRated],
  ] as const;
  return (
    <section className="panel" aria-label={t('overview.lists.title', { year: data.year })}>
      <h2>
        {t('overview.lists.title', { year: data.year })}
        <span className="count-pill">{data.lists.length}</span>
      </h2>
      {data.lists.length === 0 ? (
        <p className="muted">
          {t('overview.lists.none', { year: data.year })}{' '}
          <button type="button" className="link" onClick={() => void navigate('watchlists')}>
            {t('overview.lists.open')}
          </button>
        </p>
      ) : (
        <>
          <dl className="member-counts">
            {counts.map(([key, value]) => (
              <div key={key} className={`count count-${key}`} data-testid={`members-${key}`}>
                <dt>{t(`overview.members.${key}`)}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          <ul className="overview-items">
            {data.lists.map((l) => (
              <li key={l.id}>
                <button
                  type="button"
                  className="link"
                  onClick={() => void navigate('watchlists', { listId: l.id })}
                >
                  {l.number ? `${l.number} — ` : ''}
                  {l.title}
                </button>
                <small className="block muted">
                  {l.issuerName} ·{' '}
                  {t('overview.lists.improved', { improved: l.improved, count: l.memberCount })}
                  {l.measures.overdue > 0 && (
                    <span className="overdue">
                      {' · '}
                      {t('measures.overdueCount', { count: l.measures.overdue })}
                    </span>
                  )}
                </small>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
