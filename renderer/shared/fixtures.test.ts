import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../contracts/catalogue.ts';
import { LaneView } from '../../contracts/view.ts';
import { buildView, type FixtureName } from './fixtures.ts';

const NAMES: FixtureName[] = ['attract', 'scanning', 'produceLookup', 'produceWeighing', 'payment', 'declined', 'paying', 'thanks', 'thanksFailed', 'attendant', 'outOfService', 'outOfServiceStaff', 'blocked', 'stillThere'];

describe('view fixtures', () => {
  it.each(NAMES)('%s is a valid LaneView in every language', (name) => {
    for (const language of LANGUAGES) {
      const v = buildView(name, { language });
      expect(LaneView.safeParse(v).success).toBe(true);
      expect(v.language).toBe(language);
    }
  });
  it('keeps totals consistent with the lines', () => {
    const v = buildView('scanning', { lines: 200 });
    expect(v.lines).toHaveLength(200);
    expect(v.totalMinor).toBe(v.subtotalMinor - v.discountMinor);
  });
  it('rejects a patch that breaks the contract', () => {
    expect(() => buildView('scanning', {}, { currency: 'EURO' })).toThrow();
  });
});
