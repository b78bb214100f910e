import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../contracts/catalogue.ts';
import { LANGUAGE_NAMES } from '../shared/i18n/index.ts';
import { useConsole } from './context.tsx';
import { P } from './text.ts';

export function LanguageSelect() {
  const { t } = useTranslation();
  const language = useConsole((s) => s.language);
  const setLanguage = useConsole((s) => s.setLanguage);
  return (
    <label className="lang">
      <span className="visually-hidden">{t(`${P}.bar.language`)}</span>
      <select value={language} onChange={(e) => setLanguage(e.target.value as Language)} aria-label={t(`${P}.bar.language`)}>
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}

export function TopBar({ storeId }: { storeId: string }) {
  const { t } = useTranslation();
  const me = useConsole((s) => s.me);
  const connected = useConsole((s) => s.connected);
  const muted = useConsole((s) => s.muted);
  const setMuted = useConsole((s) => s.setMuted);
  const logout = useConsole((s) => s.logout);
  const waiting = useConsole((s) => s.queue.length);
  return (
    <header className="bar">
      <div className="bar__brand">
        <span className="brand__mark" aria-hidden="true">
          L
        </span>
        <span className="bar__title">{t(`${P}.title`)}</span>
        <span className="bar__store">{storeId}</span>
      </div>
      <span className={connected ? 'pill pill--ok' : 'pill pill--warn'} role="status" data-testid="link">
        {connected ? t(`${P}.bar.online`) : t(`${P}.bar.offline`)}
      </span>
      <span className={waiting > 0 ? 'pill pill--alert' : 'pill'} data-testid="waiting">
        {t(`${P}.queue.count`, { count: waiting })}
      </span>
      <span className="bar__spacer" />
      <button type="button" className="btn btn--bar" aria-pressed={muted} onClick={() => setMuted(!muted)}>
        {muted ? t(`${P}.bar.unmute`) : t(`${P}.bar.mute`)}
      </button>
      <LanguageSelect />
      {me && (
        <span className="bar__who">
          {t(`${P}.bar.who`, { name: me.name, role: t(`attendant.role.${me.role}`) })}
        </span>
      )}
      <button type="button" className="btn btn--bar" onClick={() => void logout()}>
        {t(`${P}.bar.logout`)}
      </button>
    </header>
  );
}
