// chart.js, loaded once and only where a chart is drawn (it is the largest dependency of the app).
// Why: a chart page starts the download at once, in parallel with reading the data, instead of
// after the data is ready and the canvas is on screen.
// Invariant: the controllers and elements the charts use are registered exactly once.
type ChartJs = typeof import('chart.js');

let loading: Promise<ChartJs['Chart']> | null = null;

export function loadChartJs(): Promise<ChartJs['Chart']> {
	loading ??= import('chart.js').then((chartJs) => {
		chartJs.Chart.register(
			chartJs.LineController,
			chartJs.BarController,
			chartJs.LineElement,
			chartJs.PointElement,
			chartJs.BarElement,
			chartJs.LinearScale,
			chartJs.CategoryScale,
			chartJs.Filler
		);
		return chartJs.Chart;
	});
	// A failed download (offline before the chunk was cached) may be retried later.
	loading.catch(() => {
		loading = null;
	});
	return loading;
}
