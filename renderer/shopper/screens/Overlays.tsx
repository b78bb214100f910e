import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LaneView } from '../../../contracts/view.ts';
import { useClient } from '../../shared/ClientContext.tsx';
import { Overlay } from '../components/Overlay.tsx';

export function StillThere(_: { view: LaneView }) {
  const { t } = useTranslation();
  const client = useClient();
  return (
    <Overlay title={t('stillThere.title')} tone="calm" className="dialog--still">
      <p className="dialog__text">{t('stillThere.body')}</p>
      <button type="button" className="btn btn--primary btn--wide" onClick={() => void client.intent({ type: 'session.stillHere' })}>
        {t('stillThere.yes')}
      </button>
    </Overlay>
  );
}

/**
 * "One moment" while the link to the lane is down. Shown after `graceMs` so a blip does not
 * flash; taps in that grace period are queued by the client and sent on reconnect.
 */
export function Offline({ connected, graceMs = 800 }: { connected: boolean; graceMs?: number }) {
  const { t } = useTranslation();
  const [show, setShow] = useState(false);
  useEffect(() => {
    if (connected) {
      setShow(false);
      return;
    }
    const h = setTimeout(() => setShow(true), graceMs);
    return () => clearTimeout(h);
  }, [connected, graceMs]);
  if (!show) return null;
  return (
    <div className="overlay overlay--offline" role="alertdialog" aria-modal="true" aria-labelledby="offline-title" aria-describedby="offline-body">
      <div className="dialog dialog--offline">
        <div className="spinner" aria-hidden="true" />
        <h2 id="offline-title" className="dialog__title">
          {t('offline.title')}
        </h2>
        <p id="offline-body" className="dialog__text">
          {t('offline.body')}
        </p>
      </div>
    </div>
  );
}
