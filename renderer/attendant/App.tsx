import { useEffect, type CSSProperties } from 'react';
import type { i18n as I18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { dirOf } from '../shared/format.ts';
import { cssVariables, NORMAL } from '../shared/palette.ts';
import { Console } from './Console.tsx';
import { StoreContext, useClock } from './context.tsx';
import { Login } from './Login.tsx';
import type { ConsoleStore } from './store.ts';

export interface ConsoleAppProps {
  store: ConsoleStore;
  i18n: I18n;
  busUrl: string;
  storeId: string;
  /** Clock for timers (tests pass a fixed one); ticks once a second unless `tick` is false. */
  now?: () => number;
  tick?: boolean;
}

/** The attendant console: log-in, then lanes, queue and shift summary. */
export function ConsoleApp({ store, i18n, busUrl, storeId, now = Date.now, tick = true }: ConsoleAppProps) {
  const language = store((s) => s.language);
  const phase = store((s) => s.phase);
  useEffect(() => {
    if (i18n.language !== language) void i18n.changeLanguage(language);
    document.documentElement.lang = language;
    document.documentElement.dir = dirOf(language);
  }, [i18n, language]);
  useEffect(() => {
    useClock.setState({ now: now() });
    if (!tick) return;
    const h = setInterval(() => {
      useClock.setState({ now: now() });
      store.getState().sweep();
    }, 1000);
    return () => clearInterval(h);
  }, [now, tick, store]);
  const style = cssVariables(NORMAL) as CSSProperties;
  return (
    <StoreContext.Provider value={store}>
      <I18nextProvider i18n={i18n}>
        <div className="console-app" dir={dirOf(language)} lang={language} style={style} data-testid="console-app">
          {phase === 'ready' ? <Console storeId={storeId} /> : <Login busUrl={busUrl} storeId={storeId} />}
        </div>
      </I18nextProvider>
    </StoreContext.Provider>
  );
}
