// The rating history chart as screens use it: recharts (about 110 KB gzip) is loaded the first
// time a chart is shown, not with the register or the watchlists (issue 10). Meanwhile an empty
// box of the chart's size holds its place.
import type { ComponentProps } from 'react';
import { Suspense } from 'react';
import { lazyPart } from '../app/lazy';
import { HISTORY_CHART_HEIGHT, HISTORY_CHART_WIDTH } from './sizes';

export type { YearSpan } from './RatingHistoryChart';

const Chart = lazyPart(() => import('./RatingHistoryChart').then((m) => m.RatingHistoryChart));

export function RatingHistoryChart(props: ComponentProps<typeof Chart>) {
  // No ratings, no chart (as the chart itself decides): nothing to hold a place for.
  if (props.ratings.length === 0) return null;
  const placeholder = (
    <figure
      className="history-chart"
      aria-busy="true"
      style={{ width: props.width ?? HISTORY_CHART_WIDTH, height: HISTORY_CHART_HEIGHT }}
    />
  );
  return (
    <Suspense fallback={placeholder}>
      <Chart {...props} />
    </Suspense>
  );
}
