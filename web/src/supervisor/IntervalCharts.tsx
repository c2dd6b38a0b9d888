// Today's calls per interval (offered as bars, answered and abandoned as
// lines) and the service level per interval against its target, drawn with
// uPlot from GET /api/wallboard/intervals, refreshed every minute.
import { useEffect, useMemo, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { percent } from '../core/format';
import { lang, t } from '../core/i18n';
import { ErrorNote } from '../core/ui';
import { shapeIntervals, totals, trimQuietStart, type CallSeries } from './intervals';
import type { Intervals } from './types';

const COLORS = { offered: '#8fb4d3', answered: '#1d7a46', abandoned: '#b3261e', sl: '#1f5f8b', target: '#9a5b00' };

// "09:30" for Unix seconds, in the screen's language.
function clock(): (seconds: number) => string {
  const fmt = new Intl.DateTimeFormat(lang.value === 'ru' ? 'ru-RU' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
  return (seconds) => fmt.format(new Date(seconds * 1000));
}

function timeSeries(): uPlot.Series {
  const fmt = clock();
  return { label: t('supervisor.series.time'), value: (_u, v) => (v == null ? '—' : fmt(v)) };
}

function timeAxis(): uPlot.Axis {
  const fmt = clock();
  return {
    stroke: '#56606d',
    grid: { stroke: '#e6e9ee' },
    ticks: { stroke: '#d5dbe3' },
    values: (_u, splits) => splits.map((s) => fmt(s)),
  };
}

function valueAxis(label: string, extra: Partial<uPlot.Axis> = {}): uPlot.Axis {
  return { label, stroke: '#56606d', grid: { stroke: '#e6e9ee' }, ticks: { stroke: '#d5dbe3' }, size: 44, labelSize: 18, ...extra };
}

// Half an interval of room on each side, so the first and last bars show whole.
function padded(stepSeconds: number): uPlot.Scale.Range {
  return (_u, min, max) => [min - stepSeconds / 2, max + stepSeconds / 2];
}

// Offered as a wide light bar; answered (left half) and abandoned (right half) on top of it.
function callsOptions(width: number, stepSeconds: number): uPlot.Options {
  const bars = uPlot.paths.bars!;
  return {
    width,
    height: 170,
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: true, range: padded(stepSeconds) }, y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.15))] } },
    axes: [timeAxis(), valueAxis(t('supervisor.charts.calls'), { values: (_u, s) => s.map((v) => (Number.isInteger(v) ? String(v) : '')) })],
    series: [
      timeSeries(),
      { label: t('supervisor.series.offered'), stroke: '#5b8db8', fill: COLORS.offered, paths: bars({ size: [0.8, 56] }), points: { show: false } },
      { label: t('supervisor.series.answered'), stroke: COLORS.answered, fill: COLORS.answered, paths: bars({ size: [0.4, 28], align: -1 }), points: { show: false } },
      { label: t('supervisor.series.abandoned'), stroke: COLORS.abandoned, fill: COLORS.abandoned, paths: bars({ size: [0.4, 28], align: 1 }), points: { show: false } },
    ],
  };
}

function slOptions(width: number, stepSeconds: number): uPlot.Options {
  const l = lang.value;
  return {
    width,
    height: 150,
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: true, range: padded(stepSeconds) }, y: { range: [0, 100] } },
    axes: [timeAxis(), valueAxis(t('supervisor.charts.sl'), { values: (_u, s) => s.map((v) => `${v}`) })],
    series: [
      timeSeries(),
      { label: t('supervisor.series.sl'), stroke: COLORS.sl, width: 2, spanGaps: true, points: { show: true, size: 5 }, value: (_u, v) => (v == null ? '—' : percent(v / 100, l)) },
      { label: t('supervisor.series.target'), stroke: COLORS.target, width: 1.5, dash: [6, 4], points: { show: false }, value: (_u, v) => (v == null ? '—' : percent(v / 100, l)) },
    ],
  };
}

// One uPlot chart that follows its container's width and its data.
function UChart({ options, step, data, label }: {
  options: (width: number, stepSeconds: number) => uPlot.Options;
  step: number; // seconds per interval
  data: uPlot.AlignedData;
  label: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const l = lang.value;
  useEffect(() => {
    const el = box.current!;
    const width = Math.max(280, el.clientWidth);
    plot.current = new uPlot(options(width, step), data, el);
    const ro = new ResizeObserver(() => {
      const w = Math.max(280, el.clientWidth);
      if (plot.current && Math.abs(plot.current.width - w) > 2) plot.current.setSize({ width: w, height: plot.current.height });
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
    // Options carry the words and the interval: either change builds the chart anew.
  }, [l, step]);
  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);
  return <div class="sv-chart" ref={box} role="img" aria-label={label} data-testid="interval-chart" />;
}

export function IntervalCharts({ data, error, queue, queueName }: {
  data: Intervals | null;
  error: unknown;
  queue: number | null;
  queueName: string | null;
}) {
  const l = lang.value;
  const series: CallSeries | null = useMemo(
    () => (data ? trimQuietStart(shapeIntervals(data, queue === null ? null : [queue])) : null),
    [data, queue],
  );
  const calls = useMemo<uPlot.AlignedData>(
    () => (series ? [series.xs, series.offered, series.answered, series.abandoned] : [[], [], [], []]),
    [series],
  );
  const sl = useMemo<uPlot.AlignedData>(
    () => (series ? [series.xs, series.serviceLevel, series.target] : [[], [], []]),
    [series],
  );
  if (!data) return error ? <ErrorNote error={error} /> : <p class="empty">{t('core.loading')}</p>;
  const sum = totals(series!);
  const step = data.interval_minutes * 60;
  const lastSl = [...series!.serviceLevel].reverse().find((v) => v !== null) ?? null;
  const target = series!.target[0];
  return (
    <div class="sv-charts">
      {error ? <ErrorNote error={error} /> : null}
      {queueName ? <p class="muted small">{t('supervisor.charts.scope', { queue: queueName })}</p> : null}
      <p class="sv-chart-summary">{t('supervisor.charts.summary', sum)}</p>
      <UChart options={callsOptions} step={step} data={calls} label={t('supervisor.charts.summary', sum)} />
      <UChart
        options={slOptions}
        step={step}
        data={sl}
        label={t('supervisor.charts.slSummary', {
          last: lastSl === null ? '—' : percent(lastSl / 100, l),
          target: target === null || target === undefined ? '—' : percent(target / 100, l),
        })}
      />
      {sum.offered === 0 ? <p class="muted small">{t('supervisor.charts.empty')}</p> : null}
    </div>
  );
}
