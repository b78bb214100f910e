import { describe, expect, it } from 'vitest';
import { contrastRatio } from './contrast.ts';
import { HIGH_CONTRAST, NORMAL, PAIRS } from './palette.ts';

describe('palette contrast', () => {
  it('computes the WCAG ratio of black on white as 21:1', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
  for (const [name, palette] of [['normal', NORMAL], ['high contrast', HIGH_CONTRAST]] as const) {
    it(`reaches WCAG AA (4.5:1) for every text pair in the ${name} palette`, () => {
      for (const [fg, bg] of PAIRS) {
        const ratio = contrastRatio(palette[fg], palette[bg]);
        expect(ratio, `${fg} on ${bg}: ${ratio.toFixed(2)}`).toBeGreaterThanOrEqual(4.5);
      }
    });
  }
  it('reaches AAA (7:1) for body text in high-contrast mode', () => {
    expect(contrastRatio(HIGH_CONTRAST.text, HIGH_CONTRAST.bg)).toBeGreaterThanOrEqual(7);
    expect(contrastRatio(HIGH_CONTRAST.onBrand, HIGH_CONTRAST.brand)).toBeGreaterThanOrEqual(7);
  });
});
