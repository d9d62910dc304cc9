// Small multiples: one tiny line chart per watched unit, its tier year by year (tier 1 at the
// top), the change of rating scale marked, and the last two results written underneath so the
// story reads without hovering ("2016 Yếu kém → 2017 TSVM").
import { CartesianGrid, Line, LineChart, ReferenceLine, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { Trajectory } from '../../../shared/methods/reports';
import { SCALE_BREAK_COLOR } from './palette';

/** Enough to see the pattern of a list; a subtree with hundreds of watched units is cut here. */
export const MAX_TRAJECTORIES = 60;

function TrajectoryChart({
  trajectory,
  years,
  breaks,
}: {
  trajectory: Trajectory;
  years: { first: number; last: number };
  breaks: readonly number[];
}) {
  const { t } = useTranslation();
  const points = trajectory.points.map((p) => ({ year: p.year, tier: p.tier }));
  const story = trajectory.points.filter((p) => p.text).map((p) => `${p.year} ${p.text}`);
  const lastTwo = story.slice(-2).join(' → ');
  return (
    <li className="trajectory">
      <span className="trajectory-name" title={trajectory.name}>
        {trajectory.name}
      </span>
      <div
        role="img"
        aria-label={`${trajectory.name}: ${story.join('; ') || t('reports.charts.nothing')}`}
      >
        <LineChart
          width={184}
          height={72}
          data={points}
          margin={{ top: 6, right: 8, bottom: 6, left: 8 }}
        >
          <CartesianGrid vertical={false} strokeDasharray="2 3" />
          <XAxis dataKey="year" type="number" domain={[years.first - 0.5, years.last + 0.5]} hide />
          <YAxis type="number" domain={[0.5, 4.5]} reversed ticks={[1, 2, 3, 4]} hide />
          {breaks.map((y) => (
            <ReferenceLine key={y} x={y - 0.5} stroke={SCALE_BREAK_COLOR} strokeDasharray="3 2" />
          ))}
          <Line
            type="linear"
            dataKey="tier"
            stroke="#7f1d1d"
            strokeWidth={2}
            dot={{ r: 3 }}
            isAnimationActive={false}
            connectNulls={false}
          />
        </LineChart>
      </div>
      <span className="trajectory-story">{lastTwo || t('reports.charts.nothing')}</span>
    </li>
  );
}

export function TrajectoryMultiples(props: { trajectories: Trajectory[]; scaleBreaks: number[] }) {
  const { t } = useTranslation();
  const title = t('reports.charts.trajectories');
  const all = props.trajectories;
  if (all.length === 0) {
    return (
      <figure className="report-figure wide" aria-label={title}>
        <figcaption>{title}</figcaption>
        <p className="muted">{t('reports.charts.noTrajectories')}</p>
      </figure>
    );
  }
  const years = all.flatMap((tr) => tr.points.map((p) => p.year));
  const span = { first: Math.min(...years), last: Math.max(...years) };
  const breaks = props.scaleBreaks.filter((y) => y > span.first && y <= span.last);
  const shown = all.slice(0, MAX_TRAJECTORIES);
  return (
    <figure className="report-figure wide" aria-label={title}>
      <figcaption>{title}</figcaption>
      <p className="hint">
        {t('reports.charts.trajectoryKey', { first: span.first, last: span.last })}
        {breaks.length > 0 &&
          ` ${t('reports.charts.trajectoryBreaks', { years: breaks.join(', ') })}`}
      </p>
      <ul className="trajectories">
        {shown.map((tr) => (
          <TrajectoryChart key={tr.unitId} trajectory={tr} years={span} breaks={breaks} />
        ))}
      </ul>
      {shown.length < all.length && (
        <p className="muted">
          {t('reports.charts.moreTrajectories', { shown: shown.length, total: all.length })}
        </p>
      )}
    </figure>
  );
}
