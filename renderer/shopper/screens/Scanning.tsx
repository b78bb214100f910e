import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lineDiscountMinor, lineNetMinor, type LaneView } from '../../../contracts/view.ts';
import { useClient } from '../../shared/ClientContext.tsx';
import { ScreenFrame } from '../components/Chrome.tsx';
import { Icon } from '../components/Icon.tsx';
import { Keypad } from '../components/Keypad.tsx';
import { Overlay } from '../components/Overlay.tsx';
import { useFormat } from '../hooks.ts';
import { BasketList } from './BasketList.tsx';

export function Totals({ view }: { view: LaneView }) {
  const { t } = useTranslation();
  const f = useFormat(view);
  return (
    <div className="totals">
      <div className="totals__count">{t('scanning.items', { count: view.itemCount })}</div>
      {view.discountMinor > 0 && (
        <div className="totals__savings">
          {t('scanning.savings')} <strong>{f.money(view.discountMinor)}</strong>
        </div>
      )}
      <div className="totals__total">
        <span className="totals__label">{t('scanning.total')}</span>
        <span className="totals__amount" data-testid="total">
          {f.money(view.totalMinor)}
        </span>
      </div>
    </div>
  );
}

function ManualCode({ view, onClose }: { view: LaneView; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [code, setCode] = useState('');
  return (
    <Overlay title={t('keypad.codeTitle')} onClose={onClose} closeLabel={t('common.cancel')}>
      <Keypad
        value={code}
        onChange={setCode}
        label={t('keypad.codeLabel')}
        language={view.language}
        maxLength={14}
        submitLabel={t('keypad.addItem')}
        canSubmit={/^\d{4,14}$/.test(code)}
        onSubmit={() => {
          void client.intent({ type: 'scan.manual', code });
          onClose();
        }}
      />
    </Overlay>
  );
}

export function Scanning({ view }: { view: LaneView }) {
  const { t } = useTranslation();
  const client = useClient();
  const f = useFormat(view);
  const [keypad, setKeypad] = useState(false);
  const last = view.lines.find((l) => l.lineId === view.lastLineId) ?? null;
  const helpPending = view.interventions.some((i) => i.kind === 'help');
  const pay = (
    <button type="button" className="btn btn--pay" disabled={view.itemCount === 0} onClick={() => void client.intent({ type: 'pay.start' })}>
      <Icon name="card" size={36} />
      <span>{t('scanning.pay')}</span>
      <span className="btn--pay__amount">{f.money(view.totalMinor)}</span>
    </button>
  );
  return (
    <ScreenFrame view={view} name="scanning">
      <div className="scanning">
        <section className="scanning__last" aria-label={t('scanning.lastItem')}>
          {last ? (
            <>
              <div className="last__label">{t('scanning.lastItem')}</div>
              <div className="last__name">{last.name}</div>
              <div className="last__price">
                {last.unit === 'kg' && last.weightGrams !== undefined && <span className="last__weight">{f.weight(last.weightGrams)}</span>}
                {lineDiscountMinor(last) > 0 && <s className="last__was">{f.money(last.totalMinor)}</s>}
                <span data-testid="last-price">{f.money(lineNetMinor(last))}</span>
              </div>
            </>
          ) : (
            <div className="last__empty">{t('scanning.empty')}</div>
          )}
        </section>
        {helpPending && (
          <p className="notice notice--info scanning__help" role="status">
            {t('chrome.helpComing')}
          </p>
        )}
        <section className="scanning__basket">
          <h2 className="section-title">
            {t('scanning.basket')}
            {f.sep}
            {t('scanning.items', { count: view.itemCount })}
          </h2>
          <BasketList lines={view.lines} lastLineId={view.lastLineId} f={f} editable label={t('scanning.basket')} />
        </section>
        <div className="scanning__actions">
          <button type="button" className="btn btn--secondary" onClick={() => void client.intent({ type: 'produce.open' })}>
            <Icon name="search" />
            <span>
              {t('scanning.lookup')}
              <small className="btn__hint">{t('scanning.lookupHint')}</small>
            </span>
          </button>
          <button type="button" className="btn btn--secondary" onClick={() => setKeypad(true)}>
            <Icon name="keypad" />
            <span>{t('scanning.enterCode')}</span>
          </button>
          {view.bagging.awaitingLineId !== undefined ? (
            <button type="button" className="btn btn--secondary" onClick={() => void client.intent({ type: 'bagging.skip' })}>
              <Icon name="bag" />
              <span>{t('scanning.skipBagging')}</span>
            </button>
          ) : (
            <div className="slot" aria-hidden="true" />
          )}
        </div>
        <div className="scanning__pay">
          <Totals view={view} />
          {pay}
        </div>
      </div>
      {keypad && <ManualCode view={view} onClose={() => setKeypad(false)} />}
    </ScreenFrame>
  );
}
