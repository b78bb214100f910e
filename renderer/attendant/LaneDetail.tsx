import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { statusLineName, type StatusLine } from '../../contracts/bus.ts';
import { DeviceName } from '../../contracts/devices.ts';
import { roleOnLane } from '../../store-bus/insights.ts';
import { formatMoney, formatNumber, formatWeight, LOCALES } from '../shared/format.ts';
import { useConsole } from './context.tsx';
import { Elapsed } from './Elapsed.tsx';
import { deviceText } from './LaneTile.tsx';
import { QueueItem } from './QueueItem.tsx';
import { targetOf, type Feedback } from './store.ts';
import { laneName, P, replyText } from './text.ts';

const CLOSE_REASONS = ['break', 'maintenance', 'endOfDay'] as const;

type Line = Pick<StatusLine, 'lineId' | 'name'> & Partial<StatusLine>;

/**
 * The basket lines to act on: the lane's own list from its status when it sends one (all
 * active lines, up to the last 300); from a lane that does not, the lines its interventions
 * point at.
 */
function basketLines(status: { lines?: StatusLine[] | undefined } | null, interventions: ReadonlyArray<{ detail: Record<string, unknown> }>): Line[] {
  if (status?.lines) return status.lines;
  const out = new Map<string, string>();
  for (const iv of interventions) {
    const lineId = iv.detail['lineId'];
    const name = iv.detail['itemName'];
    if (typeof lineId === 'string' && lineId !== '') out.set(lineId, typeof name === 'string' ? name : lineId);
  }
  return [...out].map(([lineId, name]) => ({ lineId, name }));
}

function Reply({ fb, meId }: { fb: Feedback | undefined; meId: string | undefined }) {
  const { t } = useTranslation();
  if (!fb) return null;
  return (
    <p className={fb.reply.ok ? 'qi__reply qi__reply--ok' : 'qi__reply qi__reply--fail'} role={fb.reply.ok ? 'status' : 'alert'}>
      {replyText(t, fb, meId)}
    </p>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="detail__section">
      <h3>{title}</h3>
      {children}
    </section>
  );
}

/** Everything about one lane and every action on it. Supervisor-only actions are shown to supervisors only (the lane checks again). */
export function LaneDetail({ laneId }: { laneId: string }) {
  const { t } = useTranslation();
  const lane = useConsole((s) => s.lanes[laneId]);
  const language = useConsole((s) => s.language);
  const me = useConsole((s) => s.me);
  const inFlight = useConsole((s) => s.inFlight);
  const feedback = useConsole((s) => s.feedback);
  const fresh = useConsole((s) => s.fresh);
  const act = useConsole((s) => s.act);
  const selectLane = useConsole((s) => s.selectLane);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [confirmSuspend, setConfirmSuspend] = useState(false);
  const [reason, setReason] = useState<(typeof CLOSE_REASONS)[number]>('break');
  const [priceFor, setPriceFor] = useState<string | null>(null);
  const [price, setPrice] = useState('');
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), [laneId]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') selectLane(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selectLane]);

  const name = laneName(t, laneId, language);
  const s = lane?.status ?? null;
  // The role this lane gives the logged-in person (its roster); the console's idea of it otherwise.
  const supervisor = (roleOnLane(lane, me?.id) ?? me?.role) === 'supervisor';
  const busy = (what: string) => inFlight[targetOf.lane(laneId, what)] !== undefined;
  const fb = (what: string) => feedback[targetOf.lane(laneId, what)];
  const lines = basketLines(s, lane?.interventions ?? []);
  const currency = s?.currency ?? 'EUR';
  const hasTx = !!s?.transactionId;

  return (
    <div className="detail" role="dialog" aria-modal="false" aria-labelledby="detail-title" data-testid="lane-detail">
      <header className="detail__head">
        <div>
          <h2 id="detail-title">{name}</h2>
          <p className="detail__state">
            {!s ? t(`${P}.lane.noStatus`) : !s.online ? t(`${P}.lane.offline`) : s.open === false ? t(`${P}.lane.closed`) : s.screen ? t(`${P}.lane.screen.${s.screen}`) : ''}
            {s?.stateSince !== undefined && (
              <>
                {' · '}
                <Elapsed since={s.stateSince} language={language} />
              </>
            )}
          </p>
        </div>
        <button ref={closeRef} type="button" className="btn btn--ghost" onClick={() => selectLane(null)}>
          {t(`${P}.lane.back`)}
        </button>
      </header>

      {lane && lane.interventions.length > 0 && (
        <Section title={t(`${P}.lane.pending`)}>
          {lane.interventions.map((iv) => {
            const target = targetOf.intervention(laneId, iv.id);
            return (
              <QueueItem
                key={iv.id}
                compact
                laneId={laneId}
                intervention={iv}
                laneOnline={s?.online ?? false}
                fresh={(fresh[iv.id] ?? 0) > 0}
                busy={inFlight[target] !== undefined}
                feedback={feedback[target]}
                language={language}
                meId={me?.id}
                act={act}
              />
            );
          })}
        </Section>
      )}

      {s?.online && (
        <Section title={t(`${P}.lane.basket`)}>
          <p className="detail__basket">
            <strong>{formatMoney(s.totalMinor ?? 0, s.currency ?? 'EUR', language)}</strong> · {t('scanning.items', { count: s.itemCount ?? 0 })}
          </p>
          {(s.linesOmitted ?? 0) > 0 && <p className="detail__omitted">{t(`${P}.lane.linesOmitted`, { count: s.linesOmitted ?? 0 })}</p>}
          {s.lines && s.lines.length === 0 && hasTx && <p className="detail__omitted">{t(`${P}.lane.noLines`)}</p>}
          <ul className="detail__lines" aria-label={t(`${P}.lane.basket`)}>
            {lines.map((l) => (
              <li className="detail__line" key={l.lineId} data-testid="basket-line" data-line={l.lineId}>
                <span className="detail__line-name">{statusLineName(l, language)}</span>
                {l.totalMinor !== undefined && (
                  <span className="detail__line-amount">
                    {l.weightGrams !== undefined ? formatWeight(l.weightGrams, language) : `${formatNumber(l.quantity ?? 1, language)} ×`} {formatMoney(l.unitPriceMinor ?? 0, currency, language)} ={' '}
                    {(l.discountMinor ?? 0) > 0 ? (
                      <>
                        <s data-testid="line-before-discount">{formatMoney(l.totalMinor, currency, language)}</s> −{formatMoney(l.discountMinor ?? 0, currency, language)} ={' '}
                        <strong data-testid="line-net">{formatMoney(l.totalMinor - (l.discountMinor ?? 0), currency, language)}</strong>
                      </>
                    ) : (
                      <strong data-testid="line-net">{formatMoney(l.totalMinor, currency, language)}</strong>
                    )}
                    {l.overridden && ' *'}
                  </span>
                )}
                <button type="button" className="btn btn--secondary" disabled={busy(`void:${l.lineId}`)} onClick={() => void act(laneId, targetOf.lane(laneId, `void:${l.lineId}`), { type: 'item.void', lineId: l.lineId })}>
                  {t(`${P}.actions.void`, { item: statusLineName(l, language) })}
                </button>
                {supervisor && (
                  <button
                    type="button"
                    className="btn btn--secondary"
                    onClick={() => {
                      setPrice('');
                      setPriceFor(priceFor === l.lineId ? null : l.lineId);
                    }}
                    aria-expanded={priceFor === l.lineId}
                  >
                    {t(`${P}.actions.override`)}
                  </button>
                )}
                {supervisor && priceFor === l.lineId && (
                  <form
                    className="detail__price"
                    onSubmit={(e) => {
                      e.preventDefault();
                      const minor = Number.parseInt(price, 10);
                      if (!Number.isInteger(minor) || minor < 0) return;
                      void act(laneId, targetOf.lane(laneId, `price:${l.lineId}`), { type: 'price.override', lineId: l.lineId, unitPriceMinor: minor });
                    }}
                  >
                    <label>
                      {t(`${P}.actions.newPrice`)} ({t('attendant.newPrice')})
                      <input inputMode="numeric" pattern="[0-9]*" value={price} onChange={(e) => setPrice(e.target.value.replace(/\D/g, ''))} />
                    </label>
                    <button type="submit" className="btn btn--primary" disabled={busy(`price:${l.lineId}`) || price === ''}>
                      {t(`${P}.actions.apply`)}
                    </button>
                  </form>
                )}
                <Reply fb={fb(`void:${l.lineId}`) ?? fb(`price:${l.lineId}`)} meId={me?.id} />
              </li>
            ))}
          </ul>
          <div className="detail__actions">
            {!confirmCancel ? (
              <button type="button" className="btn btn--secondary" disabled={!hasTx || busy('cancel')} onClick={() => setConfirmCancel(true)}>
                {t(`${P}.actions.cancelTx`)}
              </button>
            ) : (
              <span className="detail__confirm">
                {t(`${P}.actions.confirmCancel`)}
                <button
                  type="button"
                  className="btn btn--danger"
                  disabled={busy('cancel')}
                  onClick={() => {
                    setConfirmCancel(false);
                    void act(laneId, targetOf.lane(laneId, 'cancel'), { type: 'transaction.cancel' });
                  }}
                >
                  {t('common.yes')}
                </button>
                <button type="button" className="btn btn--ghost" onClick={() => setConfirmCancel(false)}>
                  {t('common.no')}
                </button>
              </span>
            )}
            {!confirmSuspend ? (
              <button type="button" className="btn btn--secondary" disabled={!hasTx || busy('suspend')} onClick={() => setConfirmSuspend(true)}>
                {t(`${P}.actions.suspendTx`)}
              </button>
            ) : (
              <span className="detail__confirm">
                {t(`${P}.actions.confirmSuspend`)}
                <button
                  type="button"
                  className="btn btn--primary"
                  disabled={busy('suspend')}
                  onClick={() => {
                    setConfirmSuspend(false);
                    void act(laneId, targetOf.lane(laneId, 'suspend'), { type: 'transaction.suspend' });
                  }}
                >
                  {t('common.yes')}
                </button>
                <button type="button" className="btn btn--ghost" onClick={() => setConfirmSuspend(false)}>
                  {t('common.no')}
                </button>
              </span>
            )}
            <button type="button" className="btn btn--secondary" disabled={busy('reprint')} onClick={() => void act(laneId, targetOf.lane(laneId, 'reprint'), { type: 'receipt.reprint' })}>
              {t(`${P}.actions.reprint`)}
            </button>
          </div>
          <Reply fb={fb('cancel')} meId={me?.id} />
          <Reply fb={fb('suspend')} meId={me?.id} />
          <Reply fb={fb('reprint')} meId={me?.id} />
        </Section>
      )}

      {s?.online && (s.suspended?.length ?? 0) > 0 && (
        <Section title={t(`${P}.lane.suspended`)}>
          <ul className="detail__suspended">
            {(s.suspended ?? []).map((b) => (
              <li key={b.transactionId} data-testid="suspended-basket" data-tx={b.transactionId}>
                <span>
                  {t(`${P}.lane.suspendedEntry`, {
                    items: formatNumber(b.itemCount, language),
                    total: formatMoney(b.totalMinor, currency, language),
                    time: new Intl.DateTimeFormat(LOCALES[language], { timeStyle: 'short' }).format(b.at),
                  })}
                </span>
                <button
                  type="button"
                  className="btn btn--secondary"
                  disabled={hasTx || busy(`resume:${b.transactionId}`)}
                  onClick={() => void act(laneId, targetOf.lane(laneId, `resume:${b.transactionId}`), { type: 'transaction.resume', transactionId: b.transactionId })}
                >
                  {t(`${P}.actions.resume`)}
                </button>
                <Reply fb={fb(`resume:${b.transactionId}`)} meId={me?.id} />
              </li>
            ))}
          </ul>
        </Section>
      )}

      {s?.online && supervisor && (
        <Section title={t(`${P}.lane.actions`)}>
          {s.open === false ? (
            <button type="button" className="btn btn--primary" disabled={busy('open')} onClick={() => void act(laneId, targetOf.lane(laneId, 'open'), { type: 'lane.open' })}>
              {t(`${P}.actions.open`)}
            </button>
          ) : (
            <div className="detail__close">
              <label>
                {t(`${P}.actions.closeReason`)}
                <select value={reason} onChange={(e) => setReason(e.target.value as (typeof CLOSE_REASONS)[number])}>
                  {CLOSE_REASONS.map((r) => (
                    <option key={r} value={r}>
                      {t(`attendant.reasons.${r}`)}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" className="btn btn--secondary" disabled={busy('close')} onClick={() => void act(laneId, targetOf.lane(laneId, 'close'), { type: 'lane.close', reason: t(`attendant.reasons.${reason}`, { lng: 'en' }) })}>
                {t(`${P}.actions.close`)}
              </button>
            </div>
          )}
          <Reply fb={fb('open') ?? fb('close')} meId={me?.id} />
        </Section>
      )}

      {s?.online && s.devices && (
        <Section title={t(`${P}.lane.devices`)}>
          <ul className="detail__devices">
            {DeviceName.options
              .filter((d) => s.devices?.[d])
              .map((d) => {
                const h = s.devices![d]!;
                return (
                  <li key={d} className={`dev dev--${h.status}`}>
                    {h.status === 'ok' ? `${t(`device.${d}`)}: ${t('device.status.ok')}` : deviceText(t, d, h)}
                  </li>
                );
              })}
          </ul>
        </Section>
      )}
    </div>
  );
}
