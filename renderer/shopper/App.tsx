import { useEffect, useLayoutEffect, useRef, type CSSProperties } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import type { LaneView } from '../../contracts/view.ts';
import { ClientProvider } from '../shared/ClientContext.tsx';
import { dirOf } from '../shared/format.ts';
import type { LaneActions } from '../shared/laneClient.ts';
import { cssVariables, HIGH_CONTRAST, NORMAL } from '../shared/palette.ts';
import { useLane } from '../shared/store.ts';
import { useViewPaintedEvents } from '../shared/viewEvents.ts';
import { usePrefs } from './prefs.ts';
import { Attendant } from './screens/Attendant.tsx';
import { Attract } from './screens/Attract.tsx';
import { Blocked } from './screens/Blocked.tsx';
import { OutOfService } from './screens/OutOfService.tsx';
import { Offline, StillThere } from './screens/Overlays.tsx';
import { Payment, Paying } from './screens/Payment.tsx';
import { ProduceLookup } from './screens/ProduceLookup.tsx';
import { Scanning } from './screens/Scanning.tsx';
import { Thanks } from './screens/Thanks.tsx';

/**
 * Which component shows a view. Attendant and closed lanes win over a blocking intervention.
 * After payment the thanks screen stays: it says the purchase is paid and explains a receipt
 * that could not be printed (the lane raises paper out as a blocking intervention).
 */
export function ScreenFor({ view }: { view: LaneView }) {
  if (view.screen === 'attendant') return <Attendant view={view} />;
  if (view.screen === 'outOfService') return <OutOfService view={view} />;
  if (view.blocked && view.interventions.length > 0 && view.screen !== 'thanks') return <Blocked view={view} />;
  switch (view.screen) {
    case 'attract':
      return <Attract view={view} />;
    case 'scanning':
      return <Scanning view={view} />;
    case 'produceLookup':
      return <ProduceLookup view={view} />;
    case 'payment':
      return <Payment view={view} />;
    case 'paying':
      return <Paying view={view} />;
    case 'thanks':
      return <Thanks view={view} />;
  }
}

function Root({ offlineGraceMs }: { offlineGraceMs: number | undefined }) {
  const view = useLane((s) => s.view);
  const connected = useLane((s) => s.connected);
  const prefs = usePrefs();
  const { t, i18n } = useTranslation();
  const language = view?.language ?? 'en';
  const dir = dirOf(language);

  // Language and direction follow the view (the lane owns the language).
  useLayoutEffect(() => {
    if (i18n.language !== language) void i18n.changeLanguage(language);
    const html = document.documentElement;
    html.lang = language;
    html.dir = dir;
  }, [i18n, language, dir]);

  useLayoutEffect(() => {
    const html = document.documentElement;
    html.classList.toggle('large-text', prefs.largeText);
    html.classList.toggle('high-contrast', prefs.highContrast);
  }, [prefs.largeText, prefs.highContrast]);

  // A new shopper starts from the default accessibility settings.
  const prevScreen = useRef<string | undefined>(undefined);
  const reset = prefs.reset;
  useEffect(() => {
    const s = view?.screen;
    if (s === 'attract' && prevScreen.current !== undefined && prevScreen.current !== 'attract') reset();
    prevScreen.current = s;
  }, [view?.screen, reset]);

  useViewPaintedEvents(view);

  const classes = ['app', prefs.highContrast ? 'hc' : '', prefs.largeText ? 'large-text' : '', prefs.lowReach ? 'low-reach' : ''].filter(Boolean).join(' ');
  const style = cssVariables(prefs.highContrast ? HIGH_CONTRAST : NORMAL) as CSSProperties;
  return (
    <div className={classes} dir={dir} lang={language} style={style} data-testid="app">
      {prefs.lowReach && view && (
        <div className="reach-top" aria-hidden="true">
          <p>{t(`prompt.${view.prompt.id}`, view.prompt.params)}</p>
        </div>
      )}
      <div className="stage">
        {view ? <ScreenFor view={view} /> : <div className="splash" />}
        {view && view.prompt.id === 'stillThere' && !view.blocked && <StillThere view={view} />}
      </div>
      <Offline connected={connected && view !== null} graceMs={offlineGraceMs} />
    </div>
  );
}

export function ShopperApp({ client, i18n, offlineGraceMs }: { client: LaneActions; i18n: I18n; offlineGraceMs?: number }) {
  return (
    <I18nextProvider i18n={i18n}>
      <ClientProvider value={client}>
        <Root offlineGraceMs={offlineGraceMs} />
      </ClientProvider>
    </I18nextProvider>
  );
}
