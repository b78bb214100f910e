import { memo } from 'react';

export interface Bar {
  key: string;
  label: string;
  value: number;
  /** The value as text, already formatted for the language. */
  display: string;
}

/**
 * The end of the chart's scale: the smallest 1, 2 or 5 × 10ⁿ at or above `max` (0 for none).
 * A fixed, stated scale makes bar length mean the number: two bars of one and two
 * interventions per 100 transactions are short, not full width because they are the largest.
 */
export function scaleMax(max: number): number {
  if (!(max > 0)) return 0;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 5, 10]) if (m * p >= max - 1e-9) return m * p;
  return 10 * p;
}

/**
 * A small horizontal bar chart, drawn as inline SVG (no chart library). Each bar is
 * `value / scaleMax` of the track, and the scale is written under the bars. Mirrors itself
 * for right-to-left languages: labels on the right, bars growing leftwards.
 */
export const BarChart = memo(function BarChart({ bars, title, rtl, scaleLabel }: { bars: readonly Bar[]; title: string; rtl: boolean; scaleLabel?: (max: number) => string }) {
  const W = 520;
  const ROW = 30;
  const LABEL = 190;
  const VALUE = 70;
  const SCALE = scaleLabel && bars.length > 0 ? 22 : 0;
  const H = Math.max(ROW, bars.length * ROW) + SCALE;
  const max = scaleMax(Math.max(0, ...bars.map((b) => b.value)));
  const track = W - LABEL - VALUE - 16;
  const x = (left: number, width: number) => (rtl ? W - left - width : left);
  return (
    <svg className="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={scaleLabel && max > 0 ? `${title}. ${scaleLabel(max)}` : title} preserveAspectRatio="xMinYMin meet" data-testid="chart" data-scale-max={max}>
      <title>{title}</title>
      {bars.map((b, i) => {
        const y = i * ROW;
        const w = max > 0 ? Math.max(b.value > 0 ? 3 : 0, (Math.min(b.value, max) / max) * track) : 0;
        return (
          <g key={b.key} data-key={b.key}>
            <text x={rtl ? W - 4 : 4} y={y + ROW / 2} dominantBaseline="central" textAnchor={rtl ? 'end' : 'start'} className="chart__label">
              {b.label}
            </text>
            <rect x={x(LABEL, track)} y={y + 7} width={track} height={ROW - 14} rx={4} className="chart__track" />
            <rect x={x(LABEL, w)} y={y + 7} width={w} height={ROW - 14} rx={4} className="chart__bar" />
            <text x={rtl ? W - (LABEL + track + 10) : LABEL + track + 10} y={y + ROW / 2} dominantBaseline="central" textAnchor={rtl ? 'end' : 'start'} className="chart__value">
              {b.display}
            </text>
          </g>
        );
      })}
      {SCALE > 0 && max > 0 && (
        <text x={rtl ? W - LABEL : LABEL} y={H - 6} textAnchor={rtl ? 'end' : 'start'} className="chart__scale" data-testid="chart-scale">
          {scaleLabel!(max)}
        </text>
      )}
    </svg>
  );
});
