import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../contracts/catalogue.ts';
import type { LaneView } from '../../../contracts/view.ts';
import { useClient } from '../../shared/ClientContext.tsx';
import { LANGUAGE_NAMES } from '../../shared/i18n/index.ts';
import { usePrefs, type Prefs } from '../prefs.ts';
import { Icon } from './Icon.tsx';
import { Keypad } from './Keypad.tsx';
import { Overlay } from './Overlay.tsx';

/** The prompt line, announced politely to screen readers whenever it changes. */
export function PromptLine({ view }: { view: LaneView }) {
  const { t } = useTranslation();
  return (
    <p className="prompt" aria-live="polite" aria-atomic="true" data-prompt={view.prompt.id}>
      {t(`prompt.${view.prompt.id}`, view.prompt.params)}
    </p>
  );
}

export function A11yPanel({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const prefs = usePrefs();
  const rows: Array<[keyof Prefs, string, string?]> = [
    ['highContrast', t('a11y.highContrast')],
    ['largeText', t('a11y.largeText')],
    ['lowReach', t('a11y.lowReach'), t('a11y.lowReachHint')],
    ['sounds', t('a11y.sounds')],
  ];
  return (
    <Overlay title={t('a11y.title')} onClose={onClose} closeLabel={t('common.done')}>
      <div className="toggles">
        {rows.map(([key, label, hint]) => (
          <button key={key} type="button" className="toggle" aria-pressed={prefs[key]} onClick={() => prefs.toggle(key)} data-pref={key}>
            <span className="toggle__label">
              {label}
              {hint && <small className="toggle__hint">{hint}</small>}
            </span>
            <span className="toggle__state" aria-hidden="true">
              {prefs[key] ? t('a11y.on') : t('a11y.off')}
            </span>
          </button>
        ))}
      </div>
    </Overlay>
  );
}

export function LanguageButtons({ current, onPick }: { current: Language; onPick: (l: Language) => void }) {
  return (
    <div className="languages" role="group">
      {LANGUAGES.map((l) => (
        <button key={l} type="button" lang={l} dir={l === 'fa' ? 'rtl' : 'ltr'} className="btn btn--lang" aria-pressed={l === current} onClick={() => onPick(l)}>
          {LANGUAGE_NAMES[l]}
        </button>
      ))}
    </div>
  );
}

export function StaffLogin({ view, onClose }: { view: LaneView; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [pin, setPin] = useState('');
  const [rejected, setRejected] = useState(false);
  const submit = async () => {
    const r = await client.intent({ type: 'attendant.login', pin });
    setPin('');
    if (r.ok) onClose();
    else setRejected(true);
  };
  return (
    <Overlay title={t('keypad.pinTitle')} onClose={onClose} closeLabel={t('common.cancel')}>
      {rejected && (
        <p className="notice notice--warn" role="alert">
          {t('keypad.pinRejected')}
        </p>
      )}
      <Keypad
        value={pin}
        onChange={setPin}
        label={t('keypad.pinLabel')}
        language={view.language}
        maxLength={8}
        masked
        submitLabel={t('keypad.login')}
        canSubmit={/^\d{4,8}$/.test(pin)}
        onSubmit={() => void submit()}
      />
    </Overlay>
  );
}

type Panel = 'none' | 'a11y' | 'language' | 'staff';

/**
 * Frame of every screen: a header with brand and live prompt, the screen's content, and a
 * toolbar at the bottom (within reach) with accessibility, language, help and staff log-in.
 */
export function ScreenFrame(props: {
  view: LaneView;
  name: string;
  children: ReactNode;
  actions?: ReactNode;
  help?: boolean;
  language?: boolean;
  staff?: boolean;
  header?: ReactNode;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const [panel, setPanel] = useState<Panel>('none');
  const { view } = props;
  const close = () => setPanel('none');
  return (
    <div className={`screen screen--${props.name}`} data-screen={props.name}>
      <header className="topbar">
        <div className="brand" aria-hidden="true">
          <span className="brand__mark">L</span>
          <span className="brand__name">{t('brand')}</span>
        </div>
        {props.header ?? <PromptLine view={view} />}
      </header>
      <main className="content">{props.children}</main>
      <footer className="toolbar">
        <div className="toolbar__start">
          <button type="button" className="btn btn--tool" onClick={() => setPanel('a11y')} aria-label={t('chrome.accessibility')}>
            <Icon name="access" />
            <span className="btn__text">{t('chrome.accessibility')}</span>
          </button>
          {props.language !== false && (
            <button type="button" className="btn btn--tool" onClick={() => setPanel('language')} aria-label={`${t("chrome.language")}: ${LANGUAGE_NAMES[view.language]}`}>
              <Icon name="globe" />
              <span className="btn__text">{LANGUAGE_NAMES[view.language]}</span>
            </button>
          )}
          {props.help !== false && (
            <button type="button" className="btn btn--tool" onClick={() => void client.intent({ type: 'help.request' })}>
              <Icon name="help" />
              <span className="btn__text">{t('chrome.help')}</span>
            </button>
          )}
          {props.staff && (
            <button type="button" className="btn btn--tool btn--quiet" onClick={() => setPanel('staff')}>
              <Icon name="lock" />
              <span className="btn__text">{t('chrome.staff')}</span>
            </button>
          )}
        </div>
        <div className="toolbar__end">{props.actions}</div>
      </footer>
      {panel === 'a11y' && <A11yPanel onClose={close} />}
      {panel === 'language' && (
        <Overlay title={t('chrome.language')} onClose={close} closeLabel={t('common.close')}>
          <LanguageButtons
            current={view.language}
            onPick={(language) => {
              void client.intent({ type: 'language.set', language });
              close();
            }}
          />
        </Overlay>
      )}
      {panel === 'staff' && <StaffLogin view={view} onClose={close} />}
    </div>
  );
}
