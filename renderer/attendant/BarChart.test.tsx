// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { BarChart, scaleMax, type Bar } from './BarChart.tsx';

afterEach(cleanup);

const bars = (...values: number[]): Bar[] => values.map((value, i) => ({ key: `k${i}`, label: `kind ${i}`, value, display: String(value) }));
const widths = (): number[] => [...screen.getByTestId('chart').querySelectorAll('.chart__bar')].map((r) => Number(r.getAttribute('width')));
const track = (): number => Number(screen.getByTestId('chart').querySelector('.chart__track')!.getAttribute('width'));

describe('BarChart: bar length encodes the number', () => {
  it('draws each bar as value / scale of the track', () => {
    render(<BarChart bars={bars(40, 10, 25)} title="t" rtl={false} scaleLabel={(m) => `0 to ${m}`} />);
    const max = Number(screen.getByTestId('chart').getAttribute('data-scale-max'));
    expect(max).toBe(50);
    for (const [i, v] of [40, 10, 25].entries()) expect(widths()[i]).toBeCloseTo((v / max) * track(), 6);
    expect(screen.getByTestId('chart-scale').textContent).toBe('0 to 50');
  });

  it('draws small numbers on a stated scale, not stretched to the largest: 1 and 3 on 0 to 5', () => {
    render(<BarChart bars={bars(1, 3)} title="t" rtl={false} scaleLabel={(m) => `0 to ${m}`} />);
    expect(widths()[1]! / widths()[0]!).toBeCloseTo(3, 6);
    expect(widths()[1]! / track()).toBeCloseTo(3 / 5, 6);
    expect(screen.getByTestId('chart-scale').textContent).toBe('0 to 5');
  });

  it('equal numbers give equal bars, different numbers different ones', () => {
    render(<BarChart bars={bars(33.3, 33.3, 66.7)} title="t" rtl={false} />);
    const [a, b, c] = widths();
    expect(a).toBe(b);
    expect(c! / a!).toBeCloseTo(66.7 / 33.3, 6);
    expect(c! / track()).toBeCloseTo(66.7 / 100, 6);
  });

  it('scaleMax rounds up to 1, 2 or 5 × 10ⁿ', () => {
    expect([0, 0.4, 1, 1.2, 3, 5.9, 10, 133.3].map(scaleMax)).toEqual([0, 0.5, 1, 2, 5, 10, 10, 200]);
  });
});
