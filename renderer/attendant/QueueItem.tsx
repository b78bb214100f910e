import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../contracts/catalogue.ts';
import type { Intervention } from '../../contracts/view.ts';
import { statusLineName } from '../../contracts/bus.ts';
import { useConsole, useNow } from './context.tsx';
import { Elapsed } from './Elapsed.tsx';
import { interventionLevel } from './queue.ts';
import type { ConsoleState, Feedback, Resolution } from './store.ts';
import { targetOf } from './store.ts';
import { detailText, laneName, P, replyText, toleranceText, whoText } from './text.ts';

export interface QueueItemProps {
  laneId: string;
  intervention: Intervention;
  laneOnline: boolean;
  /** Set when it is no longer pending: shown resolved, without actions. */
  resolved?: Resolution | undefined;
  fresh: boolean;
  busy: boolean;
  feedback?: Feedback | undefined;
  language: Language;
  meId: string | undefined;
  act: ConsoleState['act'];
  /** Shown inside a lane's detail: no lane name. */
  compact?: boolean;
}

const ONE_BUTTON: ReadonlySet<Intervention['kind']> = new Set(['help', 'paperOut']);

/** One intervention with its detail, timer and actions. Memoised: re-renders only when its own data changes. */
export const QueueItem = memo(function QueueItem(p: QueueItemProps) {
  const { t } = useTranslation();
  const lines = useConsole((s) => s.lanes[p.laneId]?.status?.lines);
  const line = typeof p.intervention.detail['lineId'] === 'string' ? lines?.find((l) => l.lineId === p.intervention.detail['lineId']) : undefined;
  // The item named in the viewer's language when the lane's line carries the catalogue's names.
  const iv = line?.names ? { ...p.intervention, detail: { ...p.intervention.detail, itemName: statusLineName(line, p.language) } } : p.intervention;
  const now = useNow(5000);
  const level = p.resolved ? 0 : interventionLevel(iv, now);
  const target = targetOf.intervention(p.laneId, iv.id);
  const tolerance = toleranceText(t, iv, p.language);
  const send = (type: 'intervention.approve' | 'intervention.deny') => void p.act(p.laneId, target, { type, interventionId: iv.id, kind: iv.kind });
  const resolvedText = p.resolved
    ? p.resolved.resolution === 'approved'
      ? t(`${P}.queue.approvedBy`, { by: whoText(t, p.resolved.by, p.meId) })
      : p.resolved.resolution === 'denied'
        ? t(`${P}.queue.deniedBy`, { by: whoText(t, p.resolved.by, p.meId) })
        : p.resolved.resolution === 'auto'
          ? t(`${P}.queue.auto`)
          : t(`${P}.queue.gone`)
    : null;
  const classes = ['qi', `qi--level-${level}`, p.resolved ? 'qi--resolved' : '', p.fresh ? 'qi--fresh' : ''].filter(Boolean).join(' ');
  const disabled = p.busy || !!p.resolved;
  return (
    <article className={classes} data-testid="queue-item" data-kind={iv.kind} data-lane={p.laneId} data-state={p.resolved ? 'resolved' : 'pending'} aria-busy={p.busy}>
      <header className="qi__head">
        <span className="qi__kind">{t(`attendant.kinds.${iv.kind}`)}</span>
        {!p.compact && <span className="qi__lane">{laneName(t, p.laneId, p.language)}</span>}
        {p.fresh && !p.resolved && <span className="qi__new">{t(`${P}.queue.new`)}</span>}
        {!p.resolved && <Elapsed className="qi__timer" since={iv.since} language={p.language} />}
      </header>
      <p className="qi__detail">{detailText(t, iv, p.language)}</p>
      {tolerance && <p className="qi__sub">{tolerance}</p>}
      {!p.laneOnline && !p.resolved && <p className="qi__warn">{t(`${P}.queue.laneOffline`)}</p>}
      {resolvedText ? (
        <p className="qi__resolved" role="status">
          {resolvedText}
        </p>
      ) : (
        <div className="qi__actions">
          <button type="button" className="btn btn--primary" disabled={disabled} onClick={() => send('intervention.approve')}>
            {ONE_BUTTON.has(iv.kind) ? t('common.done') : t(`${P}.actions.approve`)}
          </button>
          {!ONE_BUTTON.has(iv.kind) && (
            <button type="button" className="btn btn--secondary" disabled={disabled} onClick={() => send('intervention.deny')}>
              {t(`${P}.actions.deny`)}
            </button>
          )}
          {p.busy && <span className="qi__sending">{t(`${P}.actions.sending`)}</span>}
        </div>
      )}
      {p.feedback && (
        <p className={p.feedback.reply.ok ? 'qi__reply qi__reply--ok' : 'qi__reply qi__reply--fail'} role={p.feedback.reply.ok ? 'status' : 'alert'}>
          {replyText(t, p.feedback, p.meId)}
        </p>
      )}
    </article>
  );
});
