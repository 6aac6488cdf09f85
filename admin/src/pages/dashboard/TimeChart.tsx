import { useEffect, useRef, useState } from 'react';
import { Box, Stack, Typography } from '@mui/material';
import { useIntlLocale } from '../../i18n/fields';

/** One line of a chart: values that hold from each point's time to the next one's. */
export interface Series {
  key: string;
  label: string;
  points: { at: number; value: number }[];
}

/**
 * Colours told apart by colour-blind readers too (Okabe and Ito), on light and dark backgrounds;
 * beyond the first four a line is also dashed, so no two lines of a chart look alike.
 */
const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#999999', '#7F3C8D'];
const DASHES = [undefined, '6 3'];
export const lineStyle = (i: number) => ({ stroke: COLOURS[i % COLOURS.length]!, dash: DASHES[Math.floor(i / 4) % DASHES.length] });

const HEIGHT = 180;
const PAD = { top: 8, right: 12, bottom: 22, left: 40 };

/** The width its box is laid out at (0 until it is measured): the chart is drawn in real pixels, so its text stays legible at 390 px. */
function useWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const box = ref.current;
    if (!box) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry!.contentRect.width)));
    observer.observe(box);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

/** A round top for the value axis, at least `value` and at least 2: an even number of a power of ten, so its half (the middle line) is round too. */
function niceTop(value: number): number {
  const power = 10 ** Math.max(0, Math.ceil(Math.log10(Math.max(value, 1))) - 1);
  return [2, 4, 6, 8, 10].map((m) => m * power).find((top) => top >= value)!;
}

/**
 * A small line chart of values over the last minutes, in SVG: steps (each value holds until the
 * next), a value axis from 0 and times at both ends and the middle. It is a picture for sighted
 * readers (role img with its title); the numbers are given as text beside it by its caller.
 */
export function TimeChart({
  title,
  series,
  from,
  to,
  max,
  format,
}: {
  title: string;
  series: Series[];
  from: number;
  to: number;
  max?: number;
  format: (v: number) => string;
}) {
  const { ref, width } = useWidth();
  const locale = useIntlLocale();
  const top = max ?? niceTop(Math.max(0, ...series.flatMap((s) => s.points.map((p) => p.value))));
  const plotWidth = Math.max(0, width - PAD.left - PAD.right);
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const x = (t: number) => PAD.left + ((Math.min(Math.max(t, from), to) - from) / (to - from)) * plotWidth;
  const y = (v: number) => PAD.top + plotHeight - (Math.min(v, top) / top) * plotHeight;
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });

  // From the value in force at the left edge, a step at each later point, on to the right edge.
  const path = (points: Series['points']) => {
    const shown = points.filter((_, i) => i === points.length - 1 || points[i + 1]!.at > from);
    const [first, ...rest] = shown;
    if (!first) return '';
    const px = (n: number) => n.toFixed(1);
    return [`M${px(x(first.at))},${px(y(first.value))}`, ...rest.map((p) => `H${px(x(p.at))} V${px(y(p.value))}`), `H${px(x(to))}`].join(' ');
  };

  return (
    <Box sx={{ minWidth: 0 }}>
      <Typography variant="subtitle2" component="h3">
        {title}
      </Typography>
      <Box ref={ref} sx={{ width: '100%', height: HEIGHT, color: 'text.secondary' }}>
        {width > 0 && (
          <svg width={width} height={HEIGHT} role="img" aria-label={title} data-chart-series={series.length}>
            {[0, 0.5, 1].map((f) => (
              <g key={f}>
                <line x1={PAD.left} x2={PAD.left + plotWidth} y1={y(top * f)} y2={y(top * f)} stroke="currentColor" strokeOpacity={f === 0 ? 0.6 : 0.2} />
                <text x={PAD.left - 6} y={y(top * f)} dy="0.32em" textAnchor="end" fontSize={12} fill="currentColor">
                  {format(top * f)}
                </text>
              </g>
            ))}
            {[from, (from + to) / 2, to].map((t, i) => (
              <text key={t} x={x(t)} y={HEIGHT - 6} textAnchor={(['start', 'middle', 'end'] as const)[i]} fontSize={12} fill="currentColor">
                {time.format(t)}
              </text>
            ))}
            {series.map((s, i) => {
              const { stroke, dash } = lineStyle(i);
              const last = s.points.at(-1);
              // The value now, marked at the right edge: seen even before the line has any length.
              return (
                <g key={s.key}>
                  <path d={path(s.points)} data-series={s.label} fill="none" stroke={stroke} strokeWidth={2} strokeDasharray={dash} />
                  {last && <circle cx={x(to)} cy={y(last.value)} r={3.5} fill={stroke} />}
                </g>
              );
            })}
          </svg>
        )}
      </Box>
    </Box>
  );
}

/** The lines' names and how each is drawn, for every chart sharing the series (not read out: the table beside names the queues). */
export const ChartLegend = ({ labels }: { labels: string[] }) => (
  <Stack direction="row" aria-hidden sx={{ flexWrap: 'wrap', columnGap: 2, rowGap: 0.5, mb: 1 }}>
    {labels.map((label, i) => {
      const { stroke, dash } = lineStyle(i);
      return (
        <Stack key={label} direction="row" spacing={0.75} sx={{ alignItems: 'center', minWidth: 0 }}>
          <svg width={24} height={10} aria-hidden>
            <line x1={0} x2={24} y1={5} y2={5} stroke={stroke} strokeWidth={2} strokeDasharray={dash} />
          </svg>
          <Typography variant="caption" sx={{ overflowWrap: 'anywhere' }}>
            {label}
          </Typography>
        </Stack>
      );
    })}
  </Stack>
);
