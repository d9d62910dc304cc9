// Chart sizes shared by a chart and the placeholder shown while its code loads, so nothing
// below it moves when the chart appears.
export const HISTORY_CHART_HEIGHT = 210;
export const HISTORY_CHART_WIDTH = 372;
