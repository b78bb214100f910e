import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConsole } from './context.tsx';
import { LanguageSelect } from './TopBar.tsx';
import { P } from './text.ts';

/** Attendant id + PIN (or badge code); both become the MQTT credentials. */
export function Login({ busUrl, storeId }: { busUrl: string; storeId: string }) {
  const { t } = useTranslation();
  const phase = useConsole((s) => s.phase);
  const error = useConsole((s) => s.loginError);
  const login = useConsole((s) => s.login);
  const [id, setId] = useState('');
  const [secret, setSecret] = useState('');
  const connecting = phase === 'connecting';
  const message = error
    ? error.reason === 'wrongPin'
      ? t(`${P}.login.wrongPin`)
      : error.reason === 'lockedOut'
        ? t(`${P}.login.lockedOut`)
        : error.reason === 'unreachable'
          ? t(`${P}.login.unreachable`, { url: busUrl })
          : t(`${P}.login.refused`, { message: error.message })
    : null;
  return (
    <main className="login">
      <form
        className="login__card"
        aria-labelledby="login-title"
        onSubmit={(e) => {
          e.preventDefault();
          if (id.trim() && secret) void login({ attendantId: id.trim(), secret });
        }}
      >
        <div className="login__brand">
          <span className="brand__mark" aria-hidden="true">
            L
          </span>
          <span>{t(`${P}.title`)}</span>
        </div>
        <h1 id="login-title">{t(`${P}.login.title`)}</h1>
        <p className="login__store">{t(`${P}.login.store`, { store: storeId })}</p>
        <label className="field">
          <span>{t(`${P}.login.id`)}</span>
          <input name="attendantId" autoComplete="username" autoCapitalize="none" spellCheck={false} value={id} onChange={(e) => setId(e.target.value)} disabled={connecting} required />
        </label>
        <label className="field">
          <span>{t(`${P}.login.secret`)}</span>
          <input name="secret" type="password" autoComplete="current-password" inputMode="numeric" value={secret} onChange={(e) => setSecret(e.target.value)} disabled={connecting} required />
        </label>
        {message && (
          <p className="login__error" role="alert" data-reason={error?.reason}>
            {message}
          </p>
        )}
        <button type="submit" className="btn btn--primary btn--wide" disabled={connecting || !id.trim() || !secret}>
          {connecting ? t(`${P}.login.connecting`) : t(`${P}.login.submit`)}
        </button>
        <div className="login__lang">
          <LanguageSelect />
        </div>
      </form>
    </main>
  );
}
