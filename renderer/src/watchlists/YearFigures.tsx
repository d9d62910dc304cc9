// The figures the province writes for a list (DOMAIN.md §5): per group and year, the count per
// level and moved up / unchanged / moved down against the baseline, as counts and "k/n".
import { useTranslation } from 'react-i18next';
import type { GroupSummary, WatchlistDetail, YearSummary } from '../../../shared/contract';

const fraction = (k: number, n: number) => (n > 0 ? `${k}/${n}` : '0');

export function YearFigures({ list }: { list: WatchlistDetail }) {
  const { t } = useTranslation();
  if (list.members.length === 0 || list.summaries.length === 0) return null;
  const latest = [...list.summaries].reverse().find((s) => s.total.notRated < s.total.total);
  return (
    <details className="figures">
      <summary>
        {t('watchlists.figures.title')}
        {latest && (
          <span className="muted">
            {' — '}
            {t('watchlists.figures.line', {
              year: latest.year,
              up: fraction(latest.total.up, latest.total.total),
              same: latest.total.same,
              down: latest.total.down,
            })}
          </span>
        )}
      </summary>
      {list.summaries.map((s) => (
        <YearTable key={s.year} summary={s} />
      ))}
    </details>
  );
}

function YearTable({ summary }: { summary: YearSummary }) {
  const { t } = useTranslation();
  const levels = summary.total.levels;
  const row = (g: GroupSummary, label: string) => (
    <tr key={label}>
      <th scope="row">{label}</th>
      <td>{g.total}</td>
      {g.levels.map((l) => (
        <td key={l.levelCode}>{fraction(l.count, g.total)}</td>
      ))}
      <td>{fraction(g.up, g.total)}</td>
      <td>{fraction(g.same, g.total)}</td>
      <td>{fraction(g.down, g.total)}</td>
      <td>{g.notComparable}</td>
      <td>{g.notRated}</td>
    </tr>
  );
  return (
    <table
      className="small-table figures-table"
      aria-label={t('watchlists.figures.year', { year: summary.year })}
    >
      <caption>{t('watchlists.figures.year', { year: summary.year })}</caption>
      <thead>
        <tr>
          <th>{t('watchlists.figures.group')}</th>
          <th>{t('watchlists.figures.total')}</th>
          {levels.map((l) => (
            <th key={l.levelCode}>{l.text}</th>
          ))}
          <th>{t('watchlists.trend.up')}</th>
          <th>{t('watchlists.trend.same')}</th>
          <th>{t('watchlists.trend.down')}</th>
          <th>{t('watchlists.trend.not_comparable')}</th>
          <th>{t('watchlists.figures.notRated')}</th>
        </tr>
      </thead>
      <tbody>
        {summary.groups.map((g) => row(g, g.group ?? t('watchlists.filters.noGroup')))}
        {summary.groups.length > 1 && row(summary.total, t('watchlists.figures.all'))}
      </tbody>
    </table>
  );
}
