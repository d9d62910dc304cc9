// A unit's rating tier year by year (1 = best at the top). Years where the rating scale changed
// are marked, so a "fall" from TSVM to HTTNV in 2018 reads as the new scale, not a decline.
// Years the unit spent on a list of "diện củng cố" can be shaded.
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useTranslation } from 'react-i18next';
import type { Rating } from '../../../shared/contract';
import { SCALES, ratingText, scaleById } from '../../../shared/domain/scales';
import { HISTORY_CHART_HEIGHT, HISTORY_CHART_WIDTH } from './sizes';

interface Point {
  year: number;
  tier: number | null;
  label: string;
}

/** A span of years shaded on the chart (inclusive). */
export interface YearSpan {
  from: number;
  to: number;
}

/** One point per year from the first rating to the last, widened to cover `spans`. */
export function historyPoints(ratings: Rating[], spans: readonly YearSpan[] = []): Point[] {
  if (ratings.length === 0) return [];
  const byYear = new Map(ratings.map((r) => [r.year, r]));
  const first = Math.min(ratings[0]!.year, ...spans.map((s) => s.from));
  const last = Math.max(ratings[ratings.length - 1]!.year, ...spans.map((s) => s.to));
  const points: Point[] = [];
  for (let year = first; year <= last; year++) {
    const r = byYear.get(year);
    points.push({
      year,
      tier: r?.tier ?? null,
      // In the words of its period: "TSVM tiêu biểu", "HTXSNV (TSVM tiêu biểu)", "HTXSNV tiêu biểu".
      label: r ? ratingText(scaleById(r.scaleId), r.levelCode, r.exemplary) : '',
    });
  }
  return points;
}

export function RatingHistoryChart({
  ratings,
  width = HISTORY_CHART_WIDTH,
  shaded = [],
}: {
  ratings: Rating[];
  width?: number;
  /** Years to shade, e.g. the years the unit was under consolidation. */
  shaded?: readonly YearSpan[];
}) {
  const { t } = useTranslation();
  const points = historyPoints(ratings, shaded);
  if (points.length === 0) return null;
  const first = points[0]!.year;
  const last = points[points.length - 1]!.year;
  // Mark where the family of levels changed (2018): a drop there is the new scale, not a decline.
  const scaleStarts = SCALES.filter((s, i) => i > 0 && s.family !== SCALES[i - 1]!.family)
    .map((s) => s.fromYear)
    .filter((y) => y > first && y <= last);
  const tierLabel = (tier: number) => t(`ratings.tierAxis.${tier}`);
  const spanText = (s: YearSpan) => (s.from === s.to ? String(s.from) : `${s.from}–${s.to}`);
  const summary = [
    ...points.filter((p) => p.label).map((p) => `${p.year}: ${p.label}`),
    ...(shaded.length > 0
      ? [t('ratings.shadedYears', { years: shaded.map(spanText).join(', ') })]
      : []),
  ].join('; ');
  return (
    <figure
      className="history-chart"
      role="img"
      aria-label={`${t('ratings.historyChart')}. ${summary}`}
    >
      <LineChart
        width={width}
        height={HISTORY_CHART_HEIGHT}
        data={points}
        margin={{ top: 16, right: 24, bottom: 4, left: 0 }}
      >
        {shaded.map((s) => (
          <ReferenceArea
            key={`${s.from}-${s.to}`}
            x1={s.from - 0.5}
            x2={s.to + 0.5}
            fill="#f4c7c3"
            fillOpacity={0.55}
            ifOverflow="hidden"
          />
        ))}
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis
          dataKey="year"
          type="number"
          domain={[first - 0.5, last + 0.5]}
          ticks={points.map((p) => p.year)}
          tickFormatter={(y: number) => String(y)}
          fontSize={13}
        />
        <YAxis
          type="number"
          domain={[0.5, 4.5]}
          reversed
          ticks={[1, 2, 3, 4]}
          tickFormatter={tierLabel}
          width={112}
          fontSize={13}
        />
        {scaleStarts.map((y) => (
          <ReferenceLine
            key={y}
            x={y - 0.5}
            stroke="#b3261e"
            strokeDasharray="4 3"
            label={{
              value: t('ratings.newScale'),
              position: 'insideTopRight',
              fontSize: 13,
              fill: '#b3261e',
            }}
          />
        ))}
        <Tooltip
          formatter={(_value, _name, item) => [(item.payload as Point).label, '']}
          labelFormatter={(y) => `${t('ratings.historyColumns.year')} ${String(y)}`}
        />
        <Line
          type="linear"
          dataKey="tier"
          stroke="#7f1d1d"
          strokeWidth={2}
          dot={{ r: 4 }}
          isAnimationActive={false}
          connectNulls={false}
        />
      </LineChart>
    </figure>
  );
}
