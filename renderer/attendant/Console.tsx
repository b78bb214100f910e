import { useEffect, useLayoutEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useConsole, useMediaQuery } from './context.tsx';
import { LaneDetail } from './LaneDetail.tsx';
import { LaneTile } from './LaneTile.tsx';
import { QueuePanel } from './QueuePanel.tsx';
import type { Tab } from './store.ts';
import { Summary } from './Summary.tsx';
import { TopBar } from './TopBar.tsx';
import { P } from './text.ts';

/** What e2e tests and benchmarks wait on: sent after the lanes and queue are painted. */
export interface ConsoleUpdateDetail {
  lanes: Array<{ laneId: string; online: boolean; screen: string | null; blocked: boolean; pending: number }>;
  queue: Array<{ laneId: string; id: string; kind: string }>;
}

function useConsoleUpdateEvents(): void {
  const lanes = useConsole((s) => s.lanes);
  const laneIds = useConsole((s) => s.laneIds);
  const queue = useConsole((s) => s.queue);
  useLayoutEffect(() => {
    const detail: ConsoleUpdateDetail = {
      lanes: laneIds.map((id) => {
        const l = lanes[id]!;
        return { laneId: id, online: l.status?.online ?? false, screen: l.status?.screen ?? null, blocked: l.status?.blocked ?? false, pending: l.interventions.length };
      }),
      queue: queue.map((e) => ({ laneId: e.laneId, id: e.intervention.id, kind: e.intervention.kind })),
    };
    const fire = () => window.dispatchEvent(new CustomEvent<ConsoleUpdateDetail>('console:update', { detail }));
    if (typeof requestAnimationFrame === 'function') {
      const h = requestAnimationFrame(fire);
      return () => cancelAnimationFrame(h);
    }
    const h = setTimeout(fire, 0);
    return () => clearTimeout(h);
  }, [lanes, laneIds, queue]);
}

function LaneGrid() {
  const { t } = useTranslation();
  const laneIds = useConsole((s) => s.laneIds);
  const lanes = useConsole((s) => s.lanes);
  const language = useConsole((s) => s.language);
  const selected = useConsole((s) => s.selectedLaneId);
  const selectLane = useConsole((s) => s.selectLane);
  return (
    <section className="pane pane--lanes" aria-labelledby="lanes-title">
      <header className="pane__head">
        <h2 id="lanes-title">{t(`${P}.tabs.lanes`)}</h2>
      </header>
      <div className="grid" data-count={laneIds.length}>
        {laneIds.map((id) => (
          <LaneTile key={id} lane={lanes[id]!} language={language} selected={selected === id} onSelect={selectLane} />
        ))}
      </div>
    </section>
  );
}

export function Console({ storeId }: { storeId: string }) {
  const { t } = useTranslation();
  const tab = useConsole((s) => s.tab);
  const setTab = useConsole((s) => s.setTab);
  const waiting = useConsole((s) => s.queue.length);
  const selected = useConsole((s) => s.selectedLaneId);
  const selectLane = useConsole((s) => s.selectLane);
  const narrow = useMediaQuery('(max-width: 899px)');
  useConsoleUpdateEvents();
  useEffect(() => {
    document.title = waiting > 0 ? `(${waiting}) ${t(`${P}.title`)}` : t(`${P}.title`);
  }, [waiting, t]);

  const tabs: Tab[] = narrow ? ['queue', 'lanes', 'summary'] : ['lanes', 'summary'];
  const isSelected = (x: Tab) => (narrow ? tab === x : x === 'summary' ? tab === 'summary' : tab !== 'summary');
  const showLanes = tab !== 'summary' && (!narrow || tab === 'lanes');
  const showQueue = tab !== 'summary' && (!narrow || tab === 'queue');
  return (
    <div className="console">
      <TopBar storeId={storeId} />
      <nav className="tabs" role="tablist" aria-label={t(`${P}.title`)}>
        {tabs.map((x) => (
          <button key={x} type="button" role="tab" className="tab" aria-selected={isSelected(x)} onClick={() => setTab(x)}>
            {x === 'lanes' && !narrow ? `${t(`${P}.tabs.lanes`)} · ${t(`${P}.tabs.queue`)}` : t(`${P}.tabs.${x}`)}
            {x === 'queue' && waiting > 0 && <span className="tab__count">{waiting}</span>}
          </button>
        ))}
      </nav>
      <div className={`console__main${tab === 'summary' ? ' console__main--summary' : ''}`}>
        {showLanes && <LaneGrid />}
        {showQueue && <QueuePanel />}
        {tab === 'summary' && <Summary />}
      </div>
      {selected && (
        <div
          className="sheet"
          onClick={(e) => {
            if (e.target === e.currentTarget) selectLane(null);
          }}
        >
          <LaneDetail laneId={selected} />
        </div>
      )}
    </div>
  );
}
