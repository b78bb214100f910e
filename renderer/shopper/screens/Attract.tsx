import { useTranslation } from 'react-i18next';
import type { LaneView } from '../../../contracts/view.ts';
import { useClient } from '../../shared/ClientContext.tsx';
import { LanguageButtons, ScreenFrame } from '../components/Chrome.tsx';
import { Icon } from '../components/Icon.tsx';

export function Attract({ view }: { view: LaneView }) {
  const { t } = useTranslation();
  const client = useClient();
  return (
    <ScreenFrame view={view} name="attract" help={false} language={false} staff>
      <div className="attract">
        <h1 className="attract__welcome">{t('attract.welcome')}</h1>
        <button type="button" className="attract__start" onClick={() => void client.intent({ type: 'session.start' })}>
          <span className="attract__startLabel">{t('attract.start')}</span>
          <span className="attract__startHint">{t('attract.startHint')}</span>
        </button>
        <button
          type="button"
          className="btn btn--secondary btn--wide attract__bag"
          aria-pressed={view.ownBag}
          onClick={() => void client.intent({ type: 'ownBag.declare' })}
        >
          <Icon name={view.ownBag ? 'check' : 'bag'} />
          <span>{view.ownBag ? t('attract.ownBagNoted') : t('attract.ownBag')}</span>
        </button>
        <section className="attract__languages" aria-label={t('attract.chooseLanguage')}>
          <h2 className="section-title">{t('attract.chooseLanguage')}</h2>
          <LanguageButtons current={view.language} onPick={(language) => void client.intent({ type: 'language.set', language })} />
        </section>
      </div>
    </ScreenFrame>
  );
}
