import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../contracts/catalogue.ts';
import { InterventionKind } from '../../contracts/view.ts';
import { interventionsPer100, shiftFromLanes } from '../../store-bus/insights.ts';
import { dirOf, formatElapsed, formatNumber, LOCALES } from '../shared/format.ts';
import { BarChart, type Bar } from './BarChart.tsx';
import type { ShiftFigures, ShiftSummary } from './busSource.ts';
import { useConsole } from './context.tsx';
import { compareLaneIds } from './queue.ts';
import { laneName, P } from './text.ts';

function decimal(x: number, language: Language): string {
  return new Intl.NumberFormat(LOCALES[language], { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(x);
}
function time(epochMs: number, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], { timeStyle: 'short' }).format(epochMs);
}

/**
 * Transactions, items, pace, interventions and time to resolve: for the island and per lane.
 * From the lanes' own shift figures (their journals since the shift start) when lanes
 * publish them; otherwise from the events this console saw since it logged in.
 */
export function Summary() {
  const { t } = useTranslation();
  const language = useConsole((s) => s.language);
  const eventsSeen = useConsole((s) => s.eventsSeen);
  const bus = useConsole((s) => s.bus);
  const lanes = useConsole((s) => s.lanes);
  // Recompute only when a lane published new figures, not on every status change.
  const shiftKey = Object.values(lanes)
    .map((l) => (l.shift ? `${l.laneId}:${l.shift.updatedAt}` : ''))
    .join('|');
  const summary: ShiftSummary | null = useMemo(() => {
    const shifts = Object.values(lanes).flatMap((l) => (l.shift ? [l.shift] : []));
    return shifts.length > 0 ? shiftFromLanes(shifts) : (bus()?.shiftSummary() ?? null);
    // `lanes` is read through shiftKey on purpose.
  }, [bus, eventsSeen, shiftKey]);
  const none = t(`${P}.summary.none`);
  if (!summary || (summary.island.transactions === 0 && summary.island.interventions === 0 && (summary.island.suspended ?? 0) === 0)) {
    return (
      <section className="pane pane--summary" aria-labelledby="summary-title">
        <header className="pane__head">
          <h2 id="summary-title">{t(`${P}.summary.title`)}</h2>
        </header>
        <p className="queue__empty">{t(`${P}.summary.noData`)}</p>
      </section>
    );
  }
  const island = summary.island;
  const ms = (v: number | null) => (v === null ? none : formatElapsed(v, language));
  const ipm = (f: ShiftFigures) => (f.itemsPerMinute === null ? none : decimal(f.itemsPerMinute, language));
  // Interventions per 100 ended transactions, shown with both counts it is made of.
  const rate = (f: ShiftFigures) => {
    const r = interventionsPer100(f);
    return r === null ? none : formatNumber(r, language);
  };
  const bars: Bar[] = InterventionKind.options
    .map((k) => ({ key: k, label: t(`attendant.kinds.${k}`), value: island.transactions > 0 ? ((island.interventionsByKind[k] ?? 0) * 100) / island.transactions : 0 }))
    .filter((b) => b.value > 0)
    .sort((a, b) => b.value - a.value)
    .map((b) => ({ ...b, display: decimal(b.value, language) }));
  const laneIds = Object.keys(summary.lanes).sort(compareLaneIds);
  const n = (x: number) => formatNumber(x, language);
  const stats: Array<[string, string, string?]> = [
    [t(`${P}.summary.transactions`), n(island.transactions), t(`${P}.summary.txBreakdown`, { completed: n(island.completed), cancelled: n(island.cancelled) })],
    [t(`${P}.summary.items`), n(island.items)],
    [t(`${P}.summary.ipm`), ipm(island)],
    [t(`${P}.summary.interventions`), n(island.interventions)],
    [t(`${P}.summary.rate`), rate(island), t(`${P}.summary.rateOf`, { interventions: n(island.interventions), transactions: n(island.transactions) })],
    [t(`${P}.summary.median`), ms(island.timeToResolve.medianMs)],
    [t(`${P}.summary.p90`), ms(island.timeToResolve.p90Ms)],
    ...((island.suspended ?? 0) > 0 ? ([[t(`${P}.summary.suspended`), formatNumber(island.suspended ?? 0, language)]] as Array<[string, string]>) : []),
  ];
  const byKind = InterventionKind.options.flatMap((k) => {
    const r = island.timeToResolveByKind?.[k];
    return r && r.count > 0 ? [{ kind: k, ...r }] : [];
  });
  return (
    <section className="pane pane--summary" aria-labelledby="summary-title" data-testid="summary">
      <header className="pane__head">
        <h2 id="summary-title">{t(`${P}.summary.title`)}</h2>
        {summary.source === 'lanes' && summary.from !== null ? (
          <span className="pane__sub" data-testid="summary-source">
            {t(`${P}.summary.sinceShift`, { from: time(summary.from, language) })}
          </span>
        ) : (
          summary.from !== null && summary.to !== null && <span className="pane__sub">{t(`${P}.summary.window`, { from: time(summary.from, language), to: time(summary.to, language) })}</span>
        )}
      </header>
      {summary.exact === false && (
        <p className="summary__note" role="note" data-testid="summary-approximate">
          {t(`${P}.summary.approximate`)}
        </p>
      )}
      <div className="summary">
        <div className="summary__island">
          <h3>{t(`${P}.summary.island`)}</h3>
          <dl className="stats">
            {stats.map(([k, v, sub]) => (
              <div key={k} className="stat">
                <dt>{k}</dt>
                <dd>
                  {v}
                  {sub !== undefined && <small className="stat__sub">{sub}</small>}
                </dd>
              </div>
            ))}
          </dl>
        </div>
        <div className="summary__chart">
          <h3>{t(`${P}.summary.byKind`)}</h3>
          <BarChart bars={bars} title={t(`${P}.summary.byKind`)} rtl={dirOf(language) === 'rtl'} scaleLabel={(max) => t(`${P}.summary.scale`, { max: formatNumber(max, language) })} />
        </div>
        {byKind.length > 0 && (
          <div className="summary__kinds">
            <h3>{t(`${P}.summary.resolveByKind`)}</h3>
            <div className="table-wrap">
              <table className="table" data-testid="resolve-by-kind">
                <thead>
                  <tr>
                    <th scope="col">{t(`${P}.summary.kind`)}</th>
                    <th scope="col">{t(`${P}.summary.resolved`)}</th>
                    <th scope="col">{t(`${P}.summary.median`)}</th>
                    <th scope="col">{t(`${P}.summary.p90`)}</th>
                  </tr>
                </thead>
                <tbody>
                  {byKind.map((r) => (
                    <tr key={r.kind}>
                      <th scope="row">{t(`attendant.kinds.${r.kind}`)}</th>
                      <td>{formatNumber(r.count, language)}</td>
                      <td>{ms(r.medianMs)}</td>
                      <td>{ms(r.p90Ms)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        )}
        <div className="summary__lanes">
          <h3>{t(`${P}.summary.perLane`)}</h3>
          <div className="table-wrap">
            <table className="table" data-testid="per-lane">
              <thead>
                <tr>
                  <th scope="col">{t(`${P}.summary.lane`)}</th>
                  <th scope="col">{t(`${P}.summary.transactions`)}</th>
                  <th scope="col">{t(`${P}.summary.items`)}</th>
                  <th scope="col">{t(`${P}.summary.ipm`)}</th>
                  <th scope="col">{t(`${P}.summary.interventions`)}</th>
                  <th scope="col">{t(`${P}.summary.rate`)}</th>
                  <th scope="col">{t(`${P}.summary.median`)}</th>
                  <th scope="col">{t(`${P}.summary.p90`)}</th>
                </tr>
              </thead>
              <tbody>
                {laneIds.map((id) => {
                  const f = summary.lanes[id]!;
                  return (
                    <tr key={id}>
                      <th scope="row">{laneName(t, id, language)}</th>
                      <td>{n(f.transactions)}</td>
                      <td>{n(f.items)}</td>
                      <td>{ipm(f)}</td>
                      <td>{n(f.interventions)}</td>
                      <td>{rate(f)}</td>
                      <td>{ms(f.timeToResolve.medianMs)}</td>
                      <td>{ms(f.timeToResolve.p90Ms)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </section>
  );
}
