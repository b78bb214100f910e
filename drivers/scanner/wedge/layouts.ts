/**
 * Keyboard layouts for wedge scanners: Linux key code (evdev, input-event-codes.h) →
 * characters typed with no modifier, with Shift, and with AltGr. The scanner "types" in the
 * layout it was programmed for; the host must map with the same one (a mismatch is the
 * classic wedge fault: `-` arrives as `ß` …). Dead keys (´ ` ^ on German) are left out, so
 * they count as unmapped and the code is dropped rather than mangled.
 */
export interface KeyChars {
  plain?: string;
  shift?: string;
  altGr?: string;
}

export type KeyboardLayout = ReadonlyMap<number, KeyChars>;

export const KEY = {
  ESC: 1,
  MINUS: 12,
  EQUAL: 13,
  BACKSPACE: 14,
  TAB: 15,
  ENTER: 28,
  LEFTCTRL: 29,
  LEFTSHIFT: 42,
  RIGHTSHIFT: 54,
  LEFTALT: 56,
  SPACE: 57,
  CAPSLOCK: 58,
  KPENTER: 96,
  RIGHTCTRL: 97,
  RIGHTALT: 100,
  KEY_102ND: 86,
} as const;

const DIGIT_CODES = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11]; // 1..9, 0
const ROW_Q = [16, 17, 18, 19, 20, 21, 22, 23, 24, 25];
const ROW_A = [30, 31, 32, 33, 34, 35, 36, 37, 38];
const ROW_Z = [44, 45, 46, 47, 48, 49, 50];
/** Keypad: 7 8 9 - 4 5 6 + 1 2 3 0 . and / * (NumLock assumed on: scanners type digits). */
const KEYPAD: [number, string][] = [
  [71, '7'], [72, '8'], [73, '9'], [74, '-'], [75, '4'], [76, '5'], [77, '6'], [78, '+'],
  [79, '1'], [80, '2'], [81, '3'], [82, '0'], [83, '.'], [98, '/'], [55, '*'],
];

function build(letters: { q: string; a: string; z: string }, digitsShift: string, extra: [number, KeyChars][]): KeyboardLayout {
  const m = new Map<number, KeyChars>();
  DIGIT_CODES.forEach((code, i) => m.set(code, { plain: '1234567890'[i], shift: digitsShift[i] }));
  const rows: [number[], string][] = [
    [ROW_Q, letters.q],
    [ROW_A, letters.a],
    [ROW_Z, letters.z],
  ];
  for (const [codes, chars] of rows) {
    codes.forEach((code, i) => {
      const c = chars[i] ?? '';
      m.set(code, { plain: c, shift: c.toUpperCase() });
    });
  }
  for (const [code, ch] of KEYPAD) m.set(code, { plain: ch, shift: ch });
  m.set(KEY.SPACE, { plain: ' ', shift: ' ' });
  for (const [code, chars] of extra) m.set(code, { ...m.get(code), ...chars });
  return m;
}

/** US QWERTY. */
export const US_LAYOUT: KeyboardLayout = build({ q: 'qwertyuiop', a: 'asdfghjkl', z: 'zxcvbnm' }, '!@#$%^&*()', [
  [12, { plain: '-', shift: '_' }],
  [13, { plain: '=', shift: '+' }],
  [26, { plain: '[', shift: '{' }],
  [27, { plain: ']', shift: '}' }],
  [39, { plain: ';', shift: ':' }],
  [40, { plain: "'", shift: '"' }],
  [41, { plain: '`', shift: '~' }],
  [43, { plain: '\\', shift: '|' }],
  [51, { plain: ',', shift: '<' }],
  [52, { plain: '.', shift: '>' }],
  [53, { plain: '/', shift: '?' }],
]);

/** German QWERTZ (T1/DIN 2137). Y and Z swapped; `-` is on the slash key; `/` is Shift+7. */
export const DE_LAYOUT: KeyboardLayout = build({ q: 'qwertzuiop', a: 'asdfghjkl', z: 'yxcvbnm' }, '!"§$%&/()=', [
  [3, { altGr: '²' }],
  [4, { altGr: '³' }],
  [8, { altGr: '{' }],
  [9, { altGr: '[' }],
  [10, { altGr: ']' }],
  [11, { altGr: '}' }],
  [12, { plain: 'ß', shift: '?', altGr: '\\' }],
  [16, { altGr: '@' }],
  [18, { altGr: '€' }],
  [26, { plain: 'ü', shift: 'Ü' }],
  [27, { plain: '+', shift: '*', altGr: '~' }],
  [39, { plain: 'ö', shift: 'Ö' }],
  [40, { plain: 'ä', shift: 'Ä' }],
  [43, { plain: '#', shift: "'" }],
  [51, { plain: ',', shift: ';' }],
  [52, { plain: '.', shift: ':' }],
  [53, { plain: '-', shift: '_' }],
  [50, { altGr: 'µ' }],
  [KEY.KEY_102ND, { plain: '<', shift: '>', altGr: '|' }],
]);

export const LAYOUTS = { us: US_LAYOUT, de: DE_LAYOUT } as const;
export type LayoutName = keyof typeof LAYOUTS;

export type KeyStroke = { code: number; shift: boolean; altGr: boolean };

/** Reverse map for the simulator: how to type `ch` on `layout` (main block preferred over keypad). */
export function strokeFor(layout: KeyboardLayout, ch: string): KeyStroke | undefined {
  let keypad: KeyStroke | undefined;
  for (const [code, chars] of layout) {
    const isKeypad = KEYPAD.some(([c]) => c === code);
    let stroke: KeyStroke | undefined;
    if (chars.plain === ch) stroke = { code, shift: false, altGr: false };
    else if (chars.shift === ch) stroke = { code, shift: true, altGr: false };
    else if (chars.altGr === ch) stroke = { code, shift: false, altGr: true };
    if (!stroke) continue;
    if (!isKeypad) return stroke;
    keypad ??= stroke;
  }
  return keypad;
}
