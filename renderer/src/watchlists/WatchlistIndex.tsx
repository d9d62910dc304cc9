// The lists of units under consolidation: each list's decision, issuer, years, how many units,
// how many improved so far and how many measures are overdue; a year filter and a new list.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Watchlist } from '../../../shared/contract';
import { useCall } from '../hooks/useCall';
import { WatchlistFormDialog } from './WatchlistFormDialog';
import { DecisionLine, yearsText } from './decision';

/** Whether a list covers a year. */
const covers = (list: Watchlist, year: number) =>
  list.year <= year && year <= (list.toYear ?? list.year);

export function WatchlistIndex({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const [year, setYear] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const lists = useCall('watchlists.list', {});
  const all = useMemo(() => lists.data ?? [], [lists.data]);
  const years = useMemo(() => {
    const set = new Set<number>();
    for (const l of all) for (let y = l.year; y <= (l.toYear ?? l.year); y++) set.add(y);
    return [...set].sort((a, b) => b - a);
  }, [all]);
  const shown = year === null ? all : all.filter((l) => covers(l, year));

  return (
    <section className="screen">
      <header className="toolbar">
        <h1>{t('nav.watchlists')}</h1>
        <label className="compact">
          {t('watchlists.yearFilter')}
          <select
            value={year ?? ''}
            onChange={(e) => setYear(e.target.value === '' ? null : Number(e.target.value))}
          >
            <option value="">{t('watchlists.allYears')}</option>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <span className="spacer" />
        <button type="button" className="primary" onClick={() => setCreating(true)}>
          {t('watchlists.create')}
        </button>
      </header>
      <p className="muted" role="status">
        {lists.error ??
          (lists.data === null
            ? t('app.loading')
            : shown.length === 0
              ? year === null
                ? t('watchlists.empty')
                : t('watchlists.emptyYear', { year })
              : t('watchlists.count', { count: shown.length }))}
      </p>
      {shown.length > 0 && (
        <div className="table-box">
          <table className="grid lists-table" aria-label={t('watchlists.listsLabel')}>
            <thead>
              <tr>
                <th className="col-title">{t('watchlists.listColumns.title')}</th>
                <th className="col-issuer">{t('watchlists.listColumns.issuer')}</th>
                <th className="col-year">{t('watchlists.listColumns.year')}</th>
                <th className="col-num">{t('watchlists.listColumns.members')}</th>
                <th className="col-num">{t('watchlists.listColumns.improved')}</th>
                <th className="col-num">{t('watchlists.listColumns.overdue')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((l) => (
                <tr key={l.id} onClick={() => onOpen(l.id)}>
                  <td className="col-title">
                    <button
                      type="button"
                      className="link strong"
                      onClick={(e) => {
                        e.stopPropagation();
                        onOpen(l.id);
                      }}
                    >
                      {l.title}
                    </button>
                    <DecisionLine list={l} />
                  </td>
                  <td className="col-issuer">{l.issuerName}</td>
                  <td className="col-year">{yearsText(l)}</td>
                  <td className="col-num">{l.memberCount}</td>
                  <td className="col-num">
                    {l.memberCount > 0 ? `${l.improved}/${l.memberCount}` : ''}
                  </td>
                  <td className={l.measures.overdue > 0 ? 'col-num overdue' : 'col-num'}>
                    {l.measures.overdue > 0 ? l.measures.overdue : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {creating && (
        <WatchlistFormDialog
          lists={all}
          onClose={() => setCreating(false)}
          onSaved={(id) => {
            setCreating(false);
            onOpen(id);
          }}
        />
      )}
    </section>
  );
}
