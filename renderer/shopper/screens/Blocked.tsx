import { useTranslation } from 'react-i18next';
import type { Intervention, LaneView } from '../../../contracts/view.ts';
import { formatElapsed } from '../../shared/format.ts';
import { ScreenFrame } from '../components/Chrome.tsx';
import { Icon } from '../components/Icon.tsx';
import { useLaneNow } from '../hooks.ts';

/** Texts for an intervention, choosing the variant the detail allows. */
export function useInterventionText(iv: Intervention): { title: string; body: string; next: string } {
  const { t } = useTranslation();
  const d = iv.detail;
  const str = (k: string): string | undefined => (typeof d[k] === 'string' && d[k] !== '' ? (d[k] as string) : undefined);
  const num = (k: string): number | undefined => (typeof d[k] === 'number' ? (d[k] as number) : undefined);
  const base = `intervention.${iv.kind}`;
  let body: string;
  switch (iv.kind) {
    case 'ageCheck': {
      const item = str('itemName');
      const age = num('ageLimit');
      body = item && age !== undefined ? t(`${base}.body`, { item, age }) : t(`${base}.bodyNoItem`);
      break;
    }
    case 'weightMismatch':
    case 'voidRequest': {
      const item = str('itemName');
      body = item ? t(`${base}.body`, { item }) : t(`${base}.bodyNoItem`);
      break;
    }
    case 'unknownItem': {
      const code = str('code');
      body = code ? t(`${base}.body`, { code }) : t(`${base}.bodyNoCode`);
      break;
    }
    case 'paymentTrouble': {
      const reason = str('reason');
      const known = reason !== undefined && ['declined', 'cardUnreadable', 'cardExpired', 'cardUnknown', 'amountTooHigh', 'wrongPin', 'aborted', 'timeout', 'terminalError'].includes(reason);
      body = known ? t(`${base}.body`, { reason: t(`decline.${reason}`) }) : t(`${base}.bodyNoReason`);
      break;
    }
    default:
      body = t(`${base}.body`);
  }
  return { title: t(`${base}.title`), body, next: t(`${base}.next`) };
}

/** Full-screen, calm explanation while an intervention blocks the shopper. */
export function Blocked({ view }: { view: LaneView }) {
  const { t } = useTranslation();
  const blocking = view.interventions.filter((i) => i.blocking).sort((a, b) => a.since - b.since);
  const iv = blocking[0] ?? view.interventions[0];
  const now = useLaneNow(view.now);
  if (!iv) return null;
  return <BlockedBody view={view} iv={iv} others={Math.max(0, blocking.length - 1)} elapsedMs={now - iv.since} waitingLabel={t('intervention.waiting')} />;
}

function BlockedBody({ view, iv, others, elapsedMs, waitingLabel }: { view: LaneView; iv: Intervention; others: number; elapsedMs: number; waitingLabel: string }) {
  const { t } = useTranslation();
  const text = useInterventionText(iv);
  return (
    <ScreenFrame view={view} name="blocked" help={false} staff>
      <div className="blocked" data-kind={iv.kind} role="alert" aria-live="assertive">
        <div className="blocked__icon" aria-hidden="true">
          <Icon name="person" size={96} />
        </div>
        <h1 className="blocked__title">{text.title}</h1>
        <p className="blocked__body">{text.body}</p>
        <div className="blocked__next">
          <h2 className="section-title">{t('intervention.next')}</h2>
          <p>{text.next}</p>
        </div>
        <p className="blocked__elapsed" aria-live="off">
          <Icon name="clock" />
          <span>
            {waitingLabel} <span className="blocked__time" data-testid="elapsed">{formatElapsed(elapsedMs, view.language)}</span>
          </span>
        </p>
        {others > 0 && <p className="hint">{t('intervention.more', { count: others })}</p>}
      </div>
    </ScreenFrame>
  );
}
