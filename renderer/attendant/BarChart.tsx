import { memo } from 'react';

export interface Bar {
  key: string;
  label: string;
  value: number;
  /** The value as text, already formatted for the language. */
  display: string;
}

/**
 * A small horizontal bar chart, drawn as inline SVG (no chart library). Mirrors itself for
 * right-to-left languages: labels on the right, bars growing leftwards.
 */
export const BarChart = memo(function BarChart({ bars, title, rtl }: { bars: readonly Bar[]; title: string; rtl: boolean }) {
  const W = 520;
  const ROW = 30;
  const LABEL = 190;
  const VALUE = 70;
  const H = Math.max(ROW, bars.length * ROW);
  const max = Math.max(0, ...bars.map((b) => b.value));
  const track = W - LABEL - VALUE - 16;
  const x = (left: number, width: number) => (rtl ? W - left - width : left);
  return (
    <svg className="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title} preserveAspectRatio="xMinYMin meet" data-testid="chart">
      <title>{title}</title>
      {bars.map((b, i) => {
        const y = i * ROW;
        const w = max > 0 ? Math.max(b.value > 0 ? 3 : 0, (b.value / max) * track) : 0;
        return (
          <g key={b.key}>
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
    </svg>
  );
});
