import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../contracts/catalogue.ts';

/** On-screen keyboard layouts for item search. */
export const LAYOUTS = {
  latin: { label: 'ABC', dir: 'ltr', rows: ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'] },
  german: { label: 'ÄÖÜ', dir: 'ltr', rows: ['qwertzuiopü', 'asdfghjklöä', 'yxcvbnmß'] },
  cyrillic: { label: 'АБВ', dir: 'ltr', rows: ['йцукенгшщзхъ', 'фывапролджэ', 'ячсмитьбюё'] },
  persian: { label: 'ابپ', dir: 'rtl', rows: ['ضصثقفغعهخحجچ', 'شسیبلاتنمکگ', 'ظطزرذدپوژ'] },
} as const;
export type LayoutName = keyof typeof LAYOUTS;
export const LAYOUT_ORDER: readonly LayoutName[] = ['latin', 'german', 'cyrillic', 'persian'];
export const DEFAULT_LAYOUT: Readonly<Record<Language, LayoutName>> = { en: 'latin', de: 'german', ru: 'cyrillic', fa: 'persian' };

export function Keyboard(props: { value: string; onChange: (v: string) => void; language: Language; maxLength?: number }) {
  const { t } = useTranslation();
  const [layout, setLayout] = useState<LayoutName>(DEFAULT_LAYOUT[props.language]);
  const max = props.maxLength ?? 64;
  const L = LAYOUTS[layout];
  const type = (ch: string) => {
    if (props.value.length < max) props.onChange(props.value + ch);
  };
  const next = LAYOUT_ORDER[(LAYOUT_ORDER.indexOf(layout) + 1) % LAYOUT_ORDER.length] as LayoutName;
  return (
    <div className="keyboard" dir={L.dir} data-layout={layout}>
      {L.rows.map((row) => (
        <div className="keyboard__row" key={row}>
          {[...row].map((ch) => (
            <button key={ch} type="button" className="key key--char" onClick={() => type(ch)}>
              {ch.toLocaleUpperCase()}
            </button>
          ))}
        </div>
      ))}
      <div className="keyboard__row">
        <button type="button" className="key key--fn" onClick={() => setLayout(next)} aria-label={`${t('produce.layout')}: ${LAYOUTS[next].label}`}>
          {LAYOUTS[next].label}
        </button>
        <button type="button" className="key key--space" onClick={() => type(' ')}>
          {t('common.space')}
        </button>
        <button type="button" className="key key--fn" onClick={() => props.onChange(props.value.slice(0, -1))} aria-label={t('common.backspace')}>
          ⌫
        </button>
        <button type="button" className="key key--fn" onClick={() => props.onChange('')}>
          {t('common.clear')}
        </button>
      </div>
    </div>
  );
}
