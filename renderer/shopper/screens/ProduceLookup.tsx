import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { CategoryHit, SearchHit, type CatalogueQuery } from '../../../contracts/protocol.ts';
import type { LaneView } from '../../../contracts/view.ts';
import { useClient } from '../../shared/ClientContext.tsx';
import type { Reply } from '../../shared/laneClient.ts';
import { ScreenFrame } from '../components/Chrome.tsx';
import { Icon } from '../components/Icon.tsx';
import { Keyboard } from '../components/Keyboard.tsx';
import { Keypad } from '../components/Keypad.tsx';
import { useFormat } from '../hooks.ts';

type Tab = 'categories' | 'search' | 'plu';

/** A query reply's list: a bare array, or an object with `hits`/`items`/`categories`. */
function listOf<T>(schema: z.ZodType<T>, r: Reply): T[] {
  if (!r.ok) return [];
  const v = r.value;
  const raw = Array.isArray(v) ? v : typeof v === 'object' && v !== null ? ((v as Record<string, unknown>).hits ?? (v as Record<string, unknown>).items ?? (v as Record<string, unknown>).categories) : undefined;
  const parsed = z.array(schema).safeParse(raw);
  return parsed.success ? parsed.data : [];
}

/** Runs catalogue queries, keeping only the answer to the latest one. */
function useQuery<T>(schema: z.ZodType<T>, query: CatalogueQuery | null): { hits: T[]; loading: boolean } {
  const client = useClient();
  const [state, setState] = useState<{ hits: T[]; loading: boolean }>({ hits: [], loading: false });
  const latest = useRef(0);
  const key = query ? JSON.stringify(query) : '';
  useEffect(() => {
    if (!query) {
      setState({ hits: [], loading: false });
      return;
    }
    const n = ++latest.current;
    setState((s) => ({ hits: s.hits, loading: true }));
    void client.query(query).then((r) => {
      if (n === latest.current) setState({ hits: listOf(schema, r), loading: false });
    });
  }, [key, client]);
  return state;
}

function Picture({ src, name }: { src?: string | undefined; name: string }) {
  return src ? <img className="tile__pic" src={src} alt="" loading="lazy" /> : <span className="tile__pic tile__pic--letter" aria-hidden="true">{[...name][0]?.toLocaleUpperCase()}</span>;
}

function HitGrid({ hits, view, selected }: { hits: SearchHit[]; view: LaneView; selected?: string | undefined }) {
  const { t } = useTranslation();
  const client = useClient();
  const f = useFormat(view);
  return (
    <ul className="tiles">
      {hits.map((h) => (
        <li key={h.itemId}>
          <button type="button" className="tile" aria-pressed={selected === h.itemId} onClick={() => void client.intent({ type: 'produce.select', itemId: h.itemId })}>
            <Picture src={h.picture} name={h.name} />
            <span className="tile__name">{h.name}</span>
            <span className="tile__price">{h.unit === 'kg' ? t('produce.pricePerKg', { price: f.money(h.priceMinor) }) : t('produce.priceEach', { price: f.money(h.priceMinor) })}</span>
            {h.plu && <span className="tile__plu">PLU {f.digits(h.plu)}</span>}
          </button>
        </li>
      ))}
    </ul>
  );
}

function Categories({ view }: { view: LaneView }) {
  const { t } = useTranslation();
  const [category, setCategory] = useState<string | null>(null);
  const cats = useQuery(CategoryHit, { type: 'catalogue.categories', language: view.language, produceOnly: true });
  const first = cats.hits[0]?.id ?? null;
  useEffect(() => {
    if (category === null && first !== null) setCategory(first);
  }, [category, first]);
  const items = useQuery(SearchHit, category ? { type: 'catalogue.category', categoryId: category, language: view.language, limit: 48 } : null);
  return (
    <div className="produce__panel">
      <div className="chips" role="group">
        {cats.hits.map((c) => (
          <button key={c.id} type="button" className="chip" aria-pressed={category === c.id} onClick={() => setCategory(c.id)}>
            <Picture src={c.picture} name={c.name} />
            <span>{c.name}</span>
          </button>
        ))}
      </div>
      {category ? <HitGrid hits={items.hits} view={view} selected={view.produce?.selectedItemId} /> : <p className="hint">{t('produce.nothingSelected')}</p>}
    </div>
  );
}

function Search({ view }: { view: LaneView }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const trimmed = text.trim();
  const res = useQuery(SearchHit, trimmed ? { type: 'catalogue.search', text: trimmed, language: view.language, limit: 24 } : null);
  return (
    <div className="produce__panel produce__panel--search">
      <output className="searchbox" aria-label={t('produce.searchLabel')}>
        <Icon name="search" />
        <span className={text ? '' : 'searchbox__placeholder'}>{text || t('produce.searchPlaceholder')}</span>
      </output>
      <div className="produce__results" aria-live="polite">
        {trimmed && !res.loading && res.hits.length === 0 ? <p className="hint">{t('produce.noResults')}</p> : <HitGrid hits={res.hits} view={view} selected={view.produce?.selectedItemId} />}
      </div>
      <Keyboard value={text} onChange={setText} language={view.language} maxLength={64} />
    </div>
  );
}

function Plu({ view }: { view: LaneView }) {
  const { t } = useTranslation();
  const client = useClient();
  const [plu, setPlu] = useState('');
  return (
    <div className="produce__panel produce__panel--plu">
      <p className="hint">{t('produce.pluHint')}</p>
      <Keypad
        value={plu}
        onChange={setPlu}
        label={t('produce.pluLabel')}
        language={view.language}
        maxLength={5}
        submitLabel={t('produce.find')}
        canSubmit={/^\d{4,5}$/.test(plu)}
        onSubmit={() => {
          void client.intent({ type: 'produce.select', plu });
          setPlu('');
        }}
      />
    </div>
  );
}

export function ProduceLookup({ view }: { view: LaneView }) {
  const { t } = useTranslation();
  const client = useClient();
  const f = useFormat(view);
  const [tab, setTab] = useState<Tab>('categories');
  const p = view.produce;
  const reading = p?.reading;
  const scaleText = reading ? t(`produce.scale.${reading.state}`) : t('produce.scale.none');
  const weighed = reading && (reading.state === 'stable' || reading.state === 'motion') && reading.grams > 0;
  return (
    <ScreenFrame view={view} name="produce">
      <div className="produce">
        <section className="produce__selection" aria-label={t('produce.title')}>
          <div className="sel__item">
            <div className="sel__name">{p?.selectedName ?? t('produce.nothingSelected')}</div>
            {p?.pricePerKgMinor !== undefined && <div className="sel__unit">{t('produce.pricePerKg', { price: f.money(p.pricePerKgMinor) })}</div>}
          </div>
          <div className="sel__figure" data-state={reading?.state ?? 'none'}>
            <span className="sel__label">{t('produce.weight')}</span>
            <span className="sel__value" aria-live="polite">
              {weighed ? f.weight(reading.grams) : '—'}
            </span>
            <span className="sel__state">{scaleText}</span>
          </div>
          <div className="sel__figure">
            <span className="sel__label">{t('produce.price')}</span>
            <span className="sel__value sel__value--price">{p?.priceMinor !== undefined ? f.money(p.priceMinor) : '—'}</span>
          </div>
          <div className="sel__actions">
            <button type="button" className="btn btn--secondary" onClick={() => void client.intent({ type: 'produce.cancel' })}>
              <Icon name="back" className="flip-rtl" />
              <span>{t('produce.cancel')}</span>
            </button>
            <button type="button" className="btn btn--primary" disabled={p?.priceMinor === undefined} onClick={() => void client.intent({ type: 'produce.confirm' })}>
              <Icon name="check" />
              <span>{t('produce.confirm')}</span>
            </button>
          </div>
        </section>
        <div className="tabs" role="tablist" aria-label={t('produce.title')}>
          {(['categories', 'search', 'plu'] as const).map((k) => (
            <button key={k} type="button" role="tab" aria-selected={tab === k} className="tab" onClick={() => setTab(k)}>
              {t(`produce.${k}`)}
            </button>
          ))}
        </div>
        <div className="produce__body" role="tabpanel">
          {tab === 'categories' && <Categories view={view} />}
          {tab === 'search' && <Search view={view} />}
          {tab === 'plu' && <Plu view={view} />}
        </div>
      </div>
    </ScreenFrame>
  );
}
