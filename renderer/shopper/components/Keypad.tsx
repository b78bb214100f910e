import { useTranslation } from 'react-i18next';
import type { Language } from '../../../contracts/catalogue.ts';
import { localDigits } from '../../shared/format.ts';

/**
 * Numeric keypad with a display. Keys stay in telephone order in every language (dir=ltr);
 * digits are shown in the language's numerals but the value is always ASCII.
 */
export function Keypad(props: {
  value: string;
  onChange: (value: string) => void;
  label: string;
  language: Language;
  maxLength: number;
  submitLabel: string;
  onSubmit: () => void;
  canSubmit: boolean;
  masked?: boolean;
}) {
  const { t } = useTranslation();
  const { value, onChange, maxLength, language } = props;
  const press = (d: string) => {
    if (value.length < maxLength) onChange(value + d);
  };
  const shown = props.masked ? '•'.repeat(value.length) : localDigits(value, language);
  return (
    <div className="keypad">
      <output className="keypad__display" aria-label={props.label} dir="ltr">
        {shown || '\u00a0'}
      </output>
      <div className="keypad__keys" dir="ltr">
        {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => (
          <button key={d} type="button" className="key" onClick={() => press(d)}>
            {localDigits(d, language)}
          </button>
        ))}
        <button type="button" className="key key--fn" onClick={() => onChange('')} aria-label={t('common.clear')}>
          {t('common.clear')}
        </button>
        <button type="button" className="key" onClick={() => press('0')}>
          {localDigits('0', language)}
        </button>
        <button type="button" className="key key--fn" onClick={() => onChange(value.slice(0, -1))} aria-label={t('common.backspace')}>
          ⌫
        </button>
      </div>
      <button type="button" className="btn btn--primary btn--wide" disabled={!props.canSubmit} onClick={props.onSubmit}>
        {props.submitLabel}
      </button>
    </div>
  );
}
