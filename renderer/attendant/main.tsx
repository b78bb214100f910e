import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Language } from '../../contracts/catalogue.ts';
import { createI18n } from '../shared/i18n/index.ts';
import { enableSounds, playCue } from '../shared/sounds.ts';
import { ConsoleApp } from './App.tsx';
import type { BusConnector } from './busSource.ts';
import { demoConnector } from './demoBus.ts';
import { busAddressFromLocation, mqttConnector } from './mqttBus.ts';
import { createConsoleStore } from './store.ts';
import './console.css';

/**
 * Page entry. Query: `bus` (WebSocket URL of the broker, default ws://<this host>:8083/mqtt),
 * `store` (store id, default demo), `lang`, `mute=1` (no sounds), `demo=<lanes>` (fixture
 * island in the page, no broker; `role=supervisor` to see supervisor actions there).
 */
const q = new URLSearchParams(location.search);
const SETTINGS_KEY = 'lane.console.settings';
const saved = ((): { language?: string; muted?: boolean } => {
  try {
    return JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? '{}') as { language?: string; muted?: boolean };
  } catch {
    return {};
  }
})();
const language = Language.catch('en').parse(q.get('lang') ?? saved.language ?? 'en');
if (q.get('mute') !== '1') enableSounds();

const consoleId = `c${Math.random().toString(36).slice(2, 10)}`;
const address = busAddressFromLocation(location, consoleId);
const demoLanes = q.get('demo');
let connect: BusConnector;
if (demoLanes !== null) {
  const role = q.get('role') === 'supervisor' ? 'supervisor' : 'attendant';
  connect = demoConnector({ now: Date.now(), lanes: Math.max(1, Math.min(64, Number(demoLanes) || 8)), attendant: { id: role === 'supervisor' ? 'sam' : 'alex', name: role === 'supervisor' ? 'Sam' : 'Alex', role } }).connect;
} else connect = mqttConnector(address);

const store = createConsoleStore({
  connect,
  language,
  muted: q.get('mute') === '1' || saved.muted === true,
  alert: () => playCue('interventionRaised'),
  persist: (s) => {
    try {
      localStorage.setItem(SETTINGS_KEY, JSON.stringify(s));
    } catch {
      /* private mode: settings just do not persist */
    }
  },
});
const i18n = createI18n(language);

const el = document.getElementById('root');
if (!el) throw new Error('no #root element');
createRoot(el).render(
  <StrictMode>
    <ConsoleApp store={store} i18n={i18n} busUrl={address.url} storeId={demoLanes !== null ? 'demo' : address.storeId} />
  </StrictMode>,
);

// Demo mode only (screenshots, training): log in straight away. Never put a real PIN in a URL.
const auto = q.get('login');
if (auto && demoLanes !== null) {
  const [attendantId = '', secret = ''] = auto.split(':');
  void store.getState().login({ attendantId, secret });
}
