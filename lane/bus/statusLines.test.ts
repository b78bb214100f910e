import { describe, expect, it } from 'vitest';
import { lineNetMinor } from '../../contracts/view.ts';
import { buildView } from '../../renderer/shared/fixtures.ts';
import { laneStatusFromView, statusLines } from './laneBus.ts';

describe('statusLines: the console gets what each line costs', () => {
  it('carries each line’s discount, so the lines add up to the lane’s total', () => {
    const view = buildView('scanning');
    expect(view.discountMinor).toBeGreaterThan(0);
    const { lines } = statusLines(view);
    const status = laneStatusFromView(view, 0, 0);
    expect(lines.reduce((sum, l) => sum + l.totalMinor - (l.discountMinor ?? 0), 0)).toBe(status.totalMinor);
    for (const [i, l] of lines.entries()) expect(l.totalMinor - (l.discountMinor ?? 0)).toBe(lineNetMinor(view.lines[i]!));
  });
});

describe('statusLines: names for every viewer', () => {
  it('carries the catalogue’s names per language next to the shopper’s', () => {
    const view = buildView('scanning');
    const withNames = { ...view, lines: view.lines.map((l) => ({ ...l, names: { en: `${l.name} (en)`, de: `${l.name} (de)` } })) };
    const { lines } = statusLines(withNames);
    expect(lines[0]).toMatchObject({ name: view.lines[0]!.name, names: { en: `${view.lines[0]!.name} (en)`, de: `${view.lines[0]!.name} (de)` } });
  });
});
