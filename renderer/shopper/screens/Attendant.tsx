import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceName } from '../../../contracts/devices.ts';
import type { AttendantCommand } from '../../../contracts/intents.ts';
import { lineDiscountMinor, lineNetMinor, type LaneView, type ViewLine } from '../../../contracts/view.ts';
import { useClient } from '../../shared/ClientContext.tsx';
import { formatElapsed } from '../../shared/format.ts';
import { newMessageId } from '../../shared/laneClient.ts';
import { ScreenFrame } from '../components/Chrome.tsx';
import { Keypad } from '../components/Keypad.tsx';
import { Overlay } from '../components/Overlay.tsx';
import { useFormat, useLaneNow } from '../hooks.ts';
import { useInterventionText } from './Blocked.tsx';

/** Distributive Omit, so each command variant keeps its own fields. */
type CommandBody = AttendantCommand extends infer C ? (C extends AttendantCommand ? Omit<C, 'id' | 'by' | 'expiresAt'> : never) : never;

const DEVICES: readonly DeviceName[] = ['scanner', 'produceScale', 'baggingScale', 'printer', 'terminal'];
const CLOSE_REASONS = ['break', 'maintenance', 'endOfDay'] as const;

function InterventionRow({ view, iv, send }: { view: LaneView; iv: LaneView['interventions'][number]; send: (c: CommandBody) => void }) {
  const { t } = useTranslation();
  const text = useInterventionText(iv);
  const now = useLaneNow(view.now);
  return (
    <li className="admin-row" data-intervention={iv.id}>
      <div className="admin-row__main">
        <strong>{t(`attendant.kinds.${iv.kind}`)}</strong>
        <span className="admin-row__detail">{text.body}</span>
        <span className="admin-row__detail">{formatElapsed(now - iv.since, view.language)}</span>
      </div>
      <button type="button" className="btn btn--primary" onClick={() => send({ type: 'intervention.approve', interventionId: iv.id, kind: iv.kind })}>
        {t('attendant.approve')}
      </button>
      <button type="button" className="btn btn--danger" onClick={() => send({ type: 'intervention.deny', interventionId: iv.id, kind: iv.kind })}>
        {t('attendant.deny')}
      </button>
    </li>
  );
}

export function Attendant({ view }: { view: LaneView }) {
  const { t } = useTranslation();
  const client = useClient();
  const f = useFormat(view);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [override, setOverride] = useState<ViewLine | null>(null);
  const [price, setPrice] = useState('');
  const [closing, setClosing] = useState(false);
  const by = view.attendant?.id ?? '';
  const closed = view.screen === 'outOfService' || view.closedReason !== null;

  const send = (body: CommandBody): void => {
    const command = { ...body, id: newMessageId(), by } as AttendantCommand;
    void client.command(command).then((r) => setStatus(r.ok ? { ok: true, text: t('attendant.sent') } : { ok: false, text: t('attendant.failed', { message: r.error.message }) }));
  };

  const logout = (
    <button type="button" className="btn btn--secondary" onClick={() => void client.intent({ type: 'attendant.logout' })}>
      {t('attendant.logout')}
    </button>
  );
  const who = view.attendant ? t('attendant.loggedIn', { name: view.attendant.name, role: t(`attendant.role.${view.attendant.role}`) }) : '';

  return (
    <ScreenFrame
      view={view}
      name="attendant"
      help={false}
      actions={logout}
      header={
        <p className="prompt" aria-live="polite">
          {t('attendant.title')} · {who}
        </p>
      }
    >
      <div className="admin">
        {status && (
          <p className={`notice ${status.ok ? 'notice--info' : 'notice--warn'}`} role="status">
            {status.text}
          </p>
        )}
        <section className="admin__card admin__card--interventions">
          <h2 className="section-title">
            {t('attendant.interventions')}
            {f.sep}
            {t('attendant.pending', { count: view.interventions.length })}
          </h2>
          {view.interventions.length === 0 ? (
            <p className="hint">{t('attendant.noInterventions')}</p>
          ) : (
            <ul className="admin-list">
              {view.interventions.map((iv) => (
                <InterventionRow key={iv.id} view={view} iv={iv} send={send} />
              ))}
            </ul>
          )}
        </section>
        <section className="admin__card admin__card--basket">
          <h2 className="section-title">{t('attendant.basket')}</h2>
          <ul className="admin-list">
            {view.lines.map((l) => (
              <li key={l.lineId} className="admin-row" data-line={l.lineId}>
                <div className="admin-row__main">
                  <strong>{l.name}</strong>
                  <span className="admin-row__detail">
                    {l.unit === 'kg' && l.weightGrams !== undefined ? f.weight(l.weightGrams) : `× ${f.digits(String(l.quantity ?? 1))}`}
                    {f.sep}
                    {lineDiscountMinor(l) > 0 && (
                      <>
                        <s>{f.money(l.totalMinor)}</s>{' '}
                      </>
                    )}
                    <span data-testid="line-net">{f.money(lineNetMinor(l))}</span>
                  </span>
                </div>
                <button type="button" className="btn btn--secondary" aria-label={`${t('attendant.overridePrice')}: ${l.name}`} onClick={() => setOverride(l)}>
                  {t('attendant.overridePrice')}
                </button>
                <button type="button" className="btn btn--danger" aria-label={`${t('attendant.voidItem')}: ${l.name}`} onClick={() => send({ type: 'item.void', lineId: l.lineId })}>
                  {t('attendant.voidItem')}
                </button>
              </li>
            ))}
          </ul>
        </section>
        <section className="admin__card admin__card--lane">
          <h2 className="section-title">
            {t('attendant.transaction')} · {t('attendant.lane')}
          </h2>
          <div className="admin__buttons">
            <button type="button" className="btn btn--danger" disabled={!view.transactionId} onClick={() => send({ type: 'transaction.cancel' })}>
              {t('attendant.cancelTransaction')}
            </button>
            <button type="button" className="btn btn--secondary" onClick={() => send({ type: 'receipt.reprint' })}>
              {t('attendant.reprint')}
            </button>
            {closed ? (
              <button type="button" className="btn btn--primary" onClick={() => send({ type: 'lane.open' })}>
                {t('attendant.openLane')}
              </button>
            ) : (
              <button type="button" className="btn btn--secondary" onClick={() => setClosing(true)}>
                {t('attendant.closeLane')}
              </button>
            )}
          </div>
        </section>
        <section className="admin__card admin__card--devices">
          <h2 className="section-title">{t('attendant.devices')}</h2>
          <ul className="devices">
            {DEVICES.map((d) => {
              const h = view.devices[d];
              return (
                <li key={d} className="device" data-status={h?.status ?? 'offline'}>
                  <span className="device__dot" aria-hidden="true" />
                  <span className="device__name">{t(`device.${d}`)}</span>
                  <span className="device__status">
                    {t(`device.status.${h?.status ?? 'offline'}`)}
                    {h?.reason ? ` · ${h.reason}` : ''}
                  </span>
                </li>
              );
            })}
          </ul>
        </section>
      </div>
      {override && (
        <Overlay title={`${t('attendant.overridePrice')}: ${override.name}`} onClose={() => setOverride(null)} closeLabel={t('common.cancel')}>
          <p className="hint">
            {t('attendant.newPrice')}: {price ? f.money(Number(price)) : '—'}
          </p>
          <Keypad
            value={price}
            onChange={setPrice}
            label={t('attendant.newPrice')}
            language={view.language}
            maxLength={7}
            submitLabel={t('attendant.apply')}
            canSubmit={/^\d+$/.test(price)}
            onSubmit={() => {
              send({ type: 'price.override', lineId: override.lineId, unitPriceMinor: Number(price) });
              setOverride(null);
              setPrice('');
            }}
          />
        </Overlay>
      )}
      {closing && (
        <Overlay title={t('attendant.closeReason')} onClose={() => setClosing(false)} closeLabel={t('common.cancel')}>
          <div className="choices">
            {CLOSE_REASONS.map((r) => (
              <button
                key={r}
                type="button"
                className="btn btn--secondary btn--wide"
                onClick={() => {
                  send({ type: 'lane.close', reason: t(`attendant.reasons.${r}`) });
                  setClosing(false);
                }}
              >
                {t(`attendant.reasons.${r}`)}
              </button>
            ))}
          </div>
        </Overlay>
      )}
    </ScreenFrame>
  );
}
