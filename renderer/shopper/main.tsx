import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createI18n } from '../shared/i18n/index.ts';
import { clientForWindow } from '../shared/laneClient.ts';
import { enableSounds, playCue } from '../shared/sounds.ts';
import { storeListeners, useLane } from '../shared/store.ts';
import { ShopperApp } from './App.tsx';
import './shopper.css';

enableSounds();
const i18n = createI18n('en');
const client = clientForWindow('shopper', storeListeners(useLane, playCue));
client.start();

const el = document.getElementById('root');
if (!el) throw new Error('no #root element');
createRoot(el).render(
  <StrictMode>
    <ShopperApp client={client} i18n={i18n} />
  </StrictMode>,
);
