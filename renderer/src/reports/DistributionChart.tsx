// The level distribution of the scope year by year: one stacked bar per year, a colour per tier,
// then "không xếp loại" and "chưa có kết quả" on top, so a year with missing results shows the
// gap instead of a short bar. Every year where the rating scale changed carries a marked line.
import { Bar, BarChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { DistributionYear } from '../../../shared/methods/reports';
import type { Tier } from '../../../shared/domain/scales';
import { formatNumber } from '../../../shared/domain/summary';
import {
  MISSING_COLOR,
  NOT_RATED_COLOR,
  SCALE_BREAK_COLOR,
  TIERS,
  TIER_COLORS,
  tierIn,
  tierNames,
} from './palette';
import { useWidth } from './useWidth';

interface Row {
  year: string;
  tier1: number;
  tier2: number;
  tier3: number;
  tier4: number;
  notRated: number;
  missing: number;
}

const tierKey = (tier: Tier) => `tier${tier}` as const;

interface Series {
  key: Exclude<keyof Row, 'year'>;
  name: string;
  color: string;
}

export function distributionRows(years: readonly DistributionYear[]): Row[] {
  return years.map((d) => {
    const row: Row = {
      year: String(d.year),
      tier1: 0,
      tier2: 0,
      tier3: 0,
      tier4: 0,
      notRated: d.notRated,
      missing: d.missing,
    };
    for (const [code, count] of Object.entries(d.levels)) {
      const tier = tierIn(d.scaleId, code);
      if (tier) row[tierKey(tier)] += count;
    }
    return row;
  });
}

const hasResult = (r: Row) => r.tier1 + r.tier2 + r.tier3 + r.tier4 + r.notRated > 0;

/** Whether any year has a result to draw (a rating or a unit marked not rated). */
export function hasDistribution(years: readonly DistributionYear[]): boolean {
  return distributionRows(years).some(hasResult);
}

/**
 * The years to draw: from the first with a result on. Earlier years without any are only grey
 * bars; the notes above the charts already say they have no results. A gap later stays shown.
 */
export function chartRows(years: readonly DistributionYear[]): Row[] {
  const rows = distributionRows(years);
  const first = rows.findIndex(hasResult);
  return first < 0 ? [] : rows.slice(first);
}

export function DistributionChart(props: {
  years: DistributionYear[];
  scaleBreaks: number[];
  /** Across the whole width (when no comparison stands beside it). */
  wide?: boolean;
}) {
  const { t } = useTranslation();
  const [box, width] = useWidth<HTMLDivElement>(520);
  const rows = chartRows(props.years);
  const names = tierNames(props.years.map((d) => d.scaleId));
  const series: Series[] = [
    ...TIERS.map((tier) => ({ key: tierKey(tier), name: names[tier], color: TIER_COLORS[tier] })),
    { key: 'notRated' as const, name: t('reports.charts.notRated'), color: NOT_RATED_COLOR },
    { key: 'missing' as const, name: t('reports.charts.missing'), color: MISSING_COLOR },
  ].filter((s) => s.name !== '' && rows.some((r) => r[s.key] > 0));
  const described = rows
    .map((r) => {
      const parts = series.filter((s) => r[s.key] > 0).map((s) => `${s.name} ${r[s.key]}`);
      return `${r.year}: ${parts.join(', ') || t('reports.charts.nothing')}`;
    })
    .join('; ');
  const breaks = props.scaleBreaks.filter((y) => rows.some((r) => r.year === String(y)));
  return (
    <figure
      className={props.wide ? 'report-figure wide' : 'report-figure'}
      aria-label={t('reports.charts.distribution')}
    >
      <figcaption>{t('reports.charts.distribution')}</figcaption>
      <div ref={box} className="chart-box" role="img" aria-label={described}>
        <BarChart
          width={width}
          height={260}
          data={rows}
          margin={{ top: 28, right: 16, bottom: 4, left: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="year" fontSize={13} />
          <YAxis allowDecimals={false} width={44} fontSize={13} />
          <Tooltip
            content={({ active, label }) => {
              const row = active ? rows.find((r) => r.year === String(label)) : undefined;
              return row ? <YearTip row={row} series={series} /> : null;
            }}
          />
          {series.map((s) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.name}
              stackId="levels"
              fill={s.color}
              isAnimationActive={false}
            />
          ))}
          {breaks.map((y) => (
            <ReferenceLine
              key={y}
              x={String(y)}
              position="start"
              stroke={SCALE_BREAK_COLOR}
              strokeWidth={2}
              strokeDasharray="5 3"
              label={{
                value: t('reports.charts.scaleBreak', { year: y }),
                position: 'top',
                fontSize: 13,
                fill: SCALE_BREAK_COLOR,
              }}
            />
          ))}
        </BarChart>
      </div>
      <Legend items={series} />
    </figure>
  );
}

/** A year's counts on hover, best level first, empty ones left out. */
function YearTip({ row, series }: { row: Row; series: readonly Series[] }) {
  return (
    <div className="chart-tip">
      <strong>{row.year}</strong>
      {series
        .filter((s) => row[s.key] > 0)
        .map((s) => (
          <span key={s.key}>
            <span className="swatch" style={{ background: s.color }} aria-hidden="true" />
            {s.name}: {formatNumber(row[s.key])}
          </span>
        ))}
    </div>
  );
}

/** The chart's key in HTML: readable at any size, and read out by screen readers. */
export function Legend({
  items,
}: {
  items: readonly { key: string; name: string; color: string }[];
}) {
  return (
    <ul className="chart-legend">
      {items.map((item) => (
        <li key={item.key}>
          <span className="swatch" style={{ background: item.color }} aria-hidden="true" />
          {item.name}
        </li>
      ))}
    </ul>
  );
}
