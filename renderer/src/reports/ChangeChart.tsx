// Moved up / unchanged / moved down per group against the compared year: one horizontal stacked
// bar per group. Across a change of rating scale nothing is counted as up or down, so the chart
// gives way to a sentence saying why.
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { ProgressReport } from '../../../shared/methods/reports';
import { formatNumber } from '../../../shared/domain/summary';
import { Legend } from './DistributionChart';
import { TREND_COLORS } from './palette';
import { useWidth } from './useWidth';

const TRENDS = ['up', 'same', 'down', 'notComparable'] as const;
type TrendKey = (typeof TRENDS)[number];

/** The group names are long ("Đảng bộ Khối các cơ quan tỉnh"): at most two lines, then "…". */
function wrap(text: string, perLine: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && `${line} ${word}`.length > perLine) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length <= 2) return lines;
  return [lines[0] ?? '', `${(lines[1] ?? '').slice(0, perLine - 1)}…`];
}

function GroupTick(props: { x?: number; y?: number; payload?: { value?: string } }) {
  const text = props.payload?.value ?? '';
  const lines = wrap(text, 24);
  return (
    <text x={props.x} y={props.y} textAnchor="end" fontSize={13} fill="#1d2430">
      <title>{text}</title>
      {lines.map((l, i) => (
        <tspan key={i} x={props.x} dy={i === 0 ? (lines.length === 1 ? 4 : -4) : 16}>
          {l}
        </tspan>
      ))}
    </text>
  );
}

export function ChangeChart({ report }: { report: ProgressReport }) {
  const { t } = useTranslation();
  const [box, width] = useWidth<HTMLDivElement>(520);
  if (report.compareYear === null) return null;
  const title = t('reports.charts.changes', { from: report.compareYear, to: report.year });
  const rows = report.groups.map((g) => ({
    name: g.name,
    up: g.up,
    same: g.same,
    down: g.down,
    notComparable: g.notComparable,
  }));
  const counted = rows.some((r) => r.up + r.same + r.down > 0);
  const series = TRENDS.filter((k) => rows.some((r) => r[k] > 0)).map((k: TrendKey) => ({
    key: k,
    name: t(`reports.charts.${k}`),
    color: TREND_COLORS[k],
  }));
  const described = rows
    .map((r) => `${r.name}: ${series.map((s) => `${s.name} ${r[s.key]}`).join(', ')}`)
    .join('; ');
  return (
    <figure className="report-figure" aria-label={title}>
      <figcaption>{title}</figcaption>
      {!counted ? (
        <p className="warning" role="note">
          {report.crossesScale
            ? t('reports.charts.transitionsCross', { from: report.compareYear, to: report.year })
            : t('reports.charts.nothingCompared', { from: report.compareYear, to: report.year })}
        </p>
      ) : (
        <>
          <div ref={box} className="chart-box" role="img" aria-label={described}>
            <BarChart
              layout="vertical"
              width={width}
              height={40 + rows.length * 44}
              data={rows}
              margin={{ top: 4, right: 16, bottom: 4, left: 4 }}
            >
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" allowDecimals={false} fontSize={13} />
              <YAxis
                type="category"
                dataKey="name"
                width={Math.min(210, Math.round(width * 0.4))}
                tick={<GroupTick />}
                interval={0}
              />
              <Tooltip formatter={(value) => formatNumber(Number(value))} />
              {series.map((s) => (
                <Bar
                  key={s.key}
                  dataKey={s.key}
                  name={s.name}
                  stackId="trend"
                  fill={s.color}
                  barSize={24}
                  isAnimationActive={false}
                />
              ))}
            </BarChart>
          </div>
          <Legend items={series} />
        </>
      )}
    </figure>
  );
}
