import { useTranslation } from 'react-i18next';
import { useConsole } from './context.tsx';
import { QueueItem } from './QueueItem.tsx';
import { targetOf } from './store.ts';
import { P } from './text.ts';

/** The island's intervention queue: just-resolved items (greyed) on top, then the bus's order. */
export function QueuePanel() {
  const { t } = useTranslation();
  const queue = useConsole((s) => s.queue);
  const ghosts = useConsole((s) => s.ghosts);
  const fresh = useConsole((s) => s.fresh);
  const inFlight = useConsole((s) => s.inFlight);
  const feedback = useConsole((s) => s.feedback);
  const language = useConsole((s) => s.language);
  const meId = useConsole((s) => s.me?.id);
  const act = useConsole((s) => s.act);
  return (
    <section className="pane pane--queue" aria-labelledby="queue-title">
      <header className="pane__head">
        <h2 id="queue-title">{t(`${P}.queue.title`)}</h2>
        <span className={queue.length > 0 ? 'count count--busy' : 'count'} data-testid="queue-count">
          {t(`${P}.queue.count`, { count: queue.length })}
        </span>
      </header>
      <div className="queue" role="list" aria-live="polite">
        {ghosts.map((g) => {
          const target = targetOf.intervention(g.laneId, g.intervention.id);
          return (
            <div role="listitem" key={`g:${g.laneId}:${g.intervention.id}`}>
              <QueueItem laneId={g.laneId} intervention={g.intervention} laneOnline resolved={g.resolution} fresh={false} busy={false} feedback={feedback[target]} language={language} meId={meId} act={act} />
            </div>
          );
        })}
        {queue.map((e) => {
          const target = targetOf.intervention(e.laneId, e.intervention.id);
          return (
            <div role="listitem" key={`${e.laneId}:${e.intervention.id}`}>
              <QueueItem
                laneId={e.laneId}
                intervention={e.intervention}
                laneOnline={e.laneOnline}
                fresh={(fresh[e.intervention.id] ?? 0) > 0}
                busy={inFlight[target] !== undefined}
                feedback={feedback[target]}
                language={language}
                meId={meId}
                act={act}
              />
            </div>
          );
        })}
        {queue.length === 0 && ghosts.length === 0 && <p className="queue__empty">{t(`${P}.queue.empty`)}</p>}
      </div>
    </section>
  );
}
