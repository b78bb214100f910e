import { useTranslation } from 'react-i18next';
import type { LaneView } from '../../../contracts/view.ts';
import { useClient } from '../../shared/ClientContext.tsx';
import { ScreenFrame } from '../components/Chrome.tsx';
import { Icon } from '../components/Icon.tsx';
import { Qr } from '../components/Qr.tsx';
import { useFormat } from '../hooks.ts';

export function Thanks({ view }: { view: LaneView }) {
  const { t } = useTranslation();
  const client = useClient();
  const f = useFormat(view);
  const r = view.receipt;
  const done = (
    <button type="button" className="btn btn--primary btn--done" onClick={() => void client.intent({ type: 'session.finish' })}>
      <Icon name="check" />
      <span>{t('thanks.done')}</span>
    </button>
  );
  // While the lane is blocked (paper out: an assistant brings the receipt) it refuses to finish.
  return (
    <ScreenFrame view={view} name="thanks" help={r?.status === 'failed'} actions={view.blocked ? undefined : done}>
      <div className="thanks">
        <div className="thanks__check" aria-hidden="true">
          <Icon name="check" size={88} />
        </div>
        <h1 className="thanks__title">{t('thanks.title')}</h1>
        {view.payment && (
          <p className="thanks__paid">
            {t('thanks.paid', { amount: f.money(view.payment.amountMinor) })}
            {view.payment.maskedPan && <span className="thanks__pan">{f.sep}{t('thanks.card', { pan: view.payment.maskedPan })}</span>}
          </p>
        )}
        <div className="thanks__receipt">
          <div className="receipt-status" role="status" data-status={r?.status ?? 'none'}>
            <Icon name="receipt" size={40} />
            {r?.status === 'failed' ? (
              <div>
                <p className="receipt-status__title">{t('thanks.failed')}</p>
                {r.reason && <p>{t('thanks.failedWhy', { reason: t(`printer.${r.reason}`) })}</p>}
                <p>{t('thanks.assistantBrings')}</p>
              </div>
            ) : r?.status === 'printing' ? (
              <p className="receipt-status__title">{t('thanks.printing')}</p>
            ) : r?.status === 'printed' ? (
              <p className="receipt-status__title">{t('thanks.printed')}</p>
            ) : null}
          </div>
          {r?.url && (
            <figure className="thanks__qr">
              <Qr data={r.url} label={t('thanks.qr')} />
              <figcaption>{t('thanks.qr')}</figcaption>
            </figure>
          )}
        </div>
      </div>
    </ScreenFrame>
  );
}
