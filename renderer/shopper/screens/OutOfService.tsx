import { useTranslation } from 'react-i18next';
import type { LaneView } from '../../../contracts/view.ts';
import { ScreenFrame } from '../components/Chrome.tsx';

export function OutOfService({ view }: { view: LaneView }) {
  const { t } = useTranslation();
  return (
    <ScreenFrame view={view} name="outOfService" help={false} staff={!view.attendant}>
      <div className="closed" role="status">
        <div className="closed__sign" aria-hidden="true">
          <span className="closed__bar" />
        </div>
        <h1 className="closed__title">{t('closed.title')}</h1>
        <p className="closed__body">{t('closed.body')}</p>
        {view.attendant && view.closedReason && <p className="notice notice--info">{t('closed.reason', { reason: view.closedReason })}</p>}
      </div>
    </ScreenFrame>
  );
}
