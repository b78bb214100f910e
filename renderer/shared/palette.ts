/**
 * Colour tokens of the touch UI, one source for CSS (applied as custom properties on the
 * root) and for the contrast test. Every `fg`/`bg` pair listed in `PAIRS` must reach WCAG AA
 * (4.5:1 for text; the kiosk uses large text, but we hold every pair to 4.5).
 */
export interface Palette {
  bg: string;
  surface: string;
  surfaceAlt: string;
  text: string;
  muted: string;
  brand: string;
  onBrand: string;
  brandSoft: string;
  onBrandSoft: string;
  accent: string;
  onAccent: string;
  danger: string;
  onDanger: string;
  warnBg: string;
  warnText: string;
  border: string;
  focus: string;
  discount: string;
}

export const NORMAL: Palette = {
  bg: '#f3f5f4',
  surface: '#ffffff',
  surfaceAlt: '#e8eeeb',
  text: '#15201b',
  muted: '#4b5852',
  brand: '#0b6b4a',
  onBrand: '#ffffff',
  brandSoft: '#dff0e8',
  onBrandSoft: '#0a4a34',
  accent: '#0b5cad',
  onAccent: '#ffffff',
  danger: '#a4262c',
  onDanger: '#ffffff',
  warnBg: '#fff3cd',
  warnText: '#5a4100',
  border: '#9aa8a1',
  focus: '#0b5cad',
  discount: '#a4262c',
};

export const HIGH_CONTRAST: Palette = {
  bg: '#000000',
  surface: '#000000',
  surfaceAlt: '#1a1a1a',
  text: '#ffffff',
  muted: '#e6e6e6',
  brand: '#ffd400',
  onBrand: '#000000',
  brandSoft: '#000000',
  onBrandSoft: '#ffd400',
  accent: '#00e5ff',
  onAccent: '#000000',
  danger: '#ff8a80',
  onDanger: '#000000',
  warnBg: '#000000',
  warnText: '#ffd400',
  border: '#ffffff',
  focus: '#00e5ff',
  discount: '#ff8a80',
};

/** [foreground, background] token pairs that appear together on screen. */
export const PAIRS: ReadonlyArray<readonly [keyof Palette, keyof Palette]> = [
  ['text', 'bg'],
  ['text', 'surface'],
  ['text', 'surfaceAlt'],
  ['muted', 'bg'],
  ['muted', 'surface'],
  ['onBrand', 'brand'],
  ['onBrandSoft', 'brandSoft'],
  ['onAccent', 'accent'],
  ['onDanger', 'danger'],
  ['warnText', 'warnBg'],
  ['discount', 'surface'],
  ['brand', 'surface'],
  ['danger', 'surface'],
];

export function cssVariables(p: Palette): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(p)) out[`--c-${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`] = v;
  return out;
}
