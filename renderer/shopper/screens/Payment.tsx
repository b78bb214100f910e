import { useTranslation } from 'react-i18next';
import type { TerminalPrompt } from '../../../contracts/devices.ts';
import type { LaneView } from '../../../contracts/view.ts';
import { useClient } from '../../shared/ClientContext.tsx';
import { ScreenFrame } from '../components/Chrome.tsx';
import { Icon } from '../components/Icon.tsx';
import { useFormat } from '../hooks.ts';

const STEP_OF: Partial<Record<TerminalPrompt, 1 | 2 | 3>> = {
  insertCard: 1,
  presentCard: 1,
  enterPin: 2,
  wrongPin: 2,
  pleaseWait: 2,
  processing: 2,
  removeCard: 3,
  approved: 3,
};

/** The three steps at the card reader, the current one highlighted from `terminalPrompt`. */
export function TerminalSteps({ prompt }: { prompt?: TerminalPrompt | undefined }) {
  const { t } = useTranslation();
  const current = prompt ? STEP_OF[prompt] : undefined;
  return (
    <ol className="steps" aria-label={t('payment.steps')}>
      {([1, 2, 3] as const).map((n) => (
        <li key={n} className={`step${current === n ? ' step--current' : ''}${current !== undefined && n < current ? ' step--done' : ''}`} aria-current={current === n ? 'step' : undefined}>
          <span className="step__n" aria-hidden="true">
            {current !== undefined && n < current ? <Icon name="check" size={24} /> : n}
          </span>
          <span>{t(`payment.step${n}`)}</span>
        </li>
      ))}
    </ol>
  );
}

export function Amount({ view, label }: { view: LaneView; label: string }) {
  const f = useFormat(view);
  return (
    <div className="amount">
      <span className="amount__label">{label}</span>
      <span className="amount__value" data-testid="amount">
        {f.money(view.payment?.amountMinor ?? view.totalMinor)}
      </span>
    </div>
  );
}

export function Payment({ view }: { view: LaneView }) {
  const { t } = useTranslation();
  const client = useClient();
  const p = view.payment;
  const declined = p?.status === 'declined';
  const waiting = p?.status === 'waiting';
  const back = (
    <>
      <button type="button" className="btn btn--secondary" onClick={() => void client.intent({ type: 'pay.back' })}>
        <Icon name="back" className="flip-rtl" />
        <span>{t('payment.back')}</span>
      </button>
      <button type="button" className="btn btn--secondary" onClick={() => void client.intent({ type: 'pay.cancel' })}>
        <span>{t('payment.cancel')}</span>
      </button>
    </>
  );
  return (
    <ScreenFrame view={view} name="payment" actions={back}>
      <div className="payment">
        <Amount view={view} label={t('payment.toPay')} />
        {declined ? (
          <section className="declined" role="alert">
            <h1 className="declined__title">{t('payment.declinedTitle')}</h1>
            <p className="declined__reason">{t(`decline.${p.declineReason ?? 'declined'}`)}</p>
            <p className="declined__safe">{t('payment.nothingCharged')}</p>
            <div className="choices">
              <button type="button" className="btn btn--primary" onClick={() => void client.intent({ type: 'pay.card' })}>
                <Icon name="card" />
                <span>{t('payment.tryAgain')}</span>
              </button>
              <button type="button" className="btn btn--secondary" onClick={() => void client.intent({ type: 'pay.card' })}>
                <Icon name="card" />
                <span>
                  {t('payment.anotherCard')}
                  <small className="btn__hint">{t('payment.anotherCardHint')}</small>
                </span>
              </button>
              <button type="button" className="btn btn--secondary" onClick={() => void client.intent({ type: 'help.request' })}>
                <Icon name="help" />
                <span>{t('payment.callHelp')}</span>
              </button>
            </div>
          </section>
        ) : waiting ? (
          <section className="terminal">
            <p className="terminal__now" aria-live="polite">
              {p.terminalPrompt ? t(`terminal.${p.terminalPrompt}`) : t('paying.followReader')}
            </p>
            <TerminalSteps prompt={p.terminalPrompt} />
          </section>
        ) : (
          <section className="tender">
            <h1 className="section-title">{t('payment.howToPay')}</h1>
            <button type="button" className="btn btn--tender" onClick={() => void client.intent({ type: 'pay.card' })}>
              <Icon name="card" size={56} />
              <span>
                {t('payment.card')}
                <small className="btn__hint">{t('payment.cardHint')}</small>
              </span>
            </button>
            <TerminalSteps />
          </section>
        )}
      </div>
    </ScreenFrame>
  );
}

export function Paying({ view }: { view: LaneView }) {
  const { t } = useTranslation();
  const tp = view.payment?.terminalPrompt;
  return (
    <ScreenFrame view={view} name="paying" language={false}>
      <div className="payment payment--paying">
        <Amount view={view} label={t('paying.amount')} />
        <section className="terminal">
          <div className="terminal__icon" aria-hidden="true">
            <Icon name="card" size={96} />
          </div>
          <p className="terminal__now" aria-live="polite" data-testid="terminal-prompt">
            {tp ? t(`terminal.${tp}`) : t('paying.followReader')}
          </p>
          <TerminalSteps prompt={tp} />
        </section>
      </div>
    </ScreenFrame>
  );
}
