import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../../contracts/catalogue.ts';
import de from './de.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import fa from './fa.json' with { type: 'json' };
import ru from './ru.json' with { type: 'json' };

/**
 * Message catalogues. Plurals use i18next's Intl.PluralRules suffixes (`_one`, `_few`,
 * `_many`, `_other`); `{{count, number}}` formats the count with Intl in the active language,
 * so Persian shows Persian digits. Money and weights are formatted in `format.ts` and passed
 * in as ready strings.
 */
export const catalogues = { en, de, ru, fa } as const;

/** Native names, shown in the language switch whatever the current language. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { en: 'English', de: 'Deutsch', ru: 'Русский', fa: 'فارسی' };

export function createI18n(language: Language = 'en'): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: {
      en: { translation: en },
      de: { translation: de },
      ru: { translation: ru },
      fa: { translation: fa },
    },
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
    showSupportNotice: false,
  });
  return instance;
}
