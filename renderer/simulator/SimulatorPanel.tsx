import { useState } from 'react';
import type { DeviceName } from '../../contracts/devices.ts';
import type { SimAction } from '../../contracts/protocol.ts';
import type { LaneView } from '../../contracts/view.ts';
import { useClient } from '../shared/ClientContext.tsx';
import { formatMoney, formatWeight } from '../shared/format.ts';

/** Demo codes of the sample catalogue, plus codes that exercise the unhappy paths. */
export const DEMO_CODES: ReadonlyArray<{ code: string; label: string }> = [
  { code: '4006381333931', label: 'Whole milk 1 l' },
  { code: '12345670', label: 'Whole milk (EAN-8)' },
  { code: '4012345000016', label: 'Eggs 10' },
  { code: '5000112637922', label: 'Age-restricted (if in catalogue)' },
  { code: '2001234012345', label: 'Variable weight (price-embedded)' },
  { code: '4000000000017', label: 'Unknown item' },
  { code: 'ZZ-not-a-code', label: 'Garbage' },
];

const DEVICES: readonly DeviceName[] = ['scanner', 'produceScale', 'baggingScale', 'printer', 'terminal'];

export function ViewSummary({ view, connection }: { view: LaneView | null; connection: string }) {
  if (!view) return <p data-testid="summary">No view yet ({connection})</p>;
  return (
    <dl className="summary" data-testid="summary">
      <dt>Link</dt>
      <dd>{connection}</dd>
      <dt>Lane</dt>
      <dd>
        {view.laneId} · seq {view.seq}
      </dd>
      <dt>Screen</dt>
      <dd data-testid="summary-screen">
        {view.screen}
        {view.blocked ? ' (blocked)' : ''}
      </dd>
      <dt>Prompt</dt>
      <dd>{view.prompt.id}</dd>
      <dt>Basket</dt>
      <dd>
        {view.itemCount} items · {formatMoney(view.totalMinor, view.currency, 'en')}
      </dd>
      <dt>Bagging</dt>
      <dd>
        {formatWeight(view.bagging.measuredGrams, 'en')} measured / {formatWeight(view.bagging.expectedGrams, 'en')} expected
      </dd>
      <dt>Interventions</dt>
      <dd>{view.interventions.map((i) => i.kind).join(', ') || 'none'}</dd>
      <dt>Payment</dt>
      <dd>{view.payment ? `${view.payment.status}${view.payment.terminalPrompt ? ` · ${view.payment.terminalPrompt}` : ''}` : '—'}</dd>
      <dt>Receipt</dt>
      <dd>{view.receipt ? `${view.receipt.status}${view.receipt.reason ? ` · ${view.receipt.reason}` : ''}` : '—'}</dd>
      <dt>Devices</dt>
      <dd>
        {DEVICES.map((d) => `${d}: ${view.devices[d]?.status ?? '?'}`).join(' · ')}
      </dd>
    </dl>
  );
}

export function SimulatorPanel({ view, connection }: { view: LaneView | null; connection: string }) {
  const client = useClient();
  const [typed, setTyped] = useState('');
  const [bagGrams, setBagGrams] = useState(500);
  const [produceGrams, setProduceGrams] = useState(1234);
  const [stable, setStable] = useState(true);
  const [log, setLog] = useState<string[]>([]);

  const send = (action: SimAction): void => {
    void client.sim(action).then((r) => {
      const line = `${action.type} ${JSON.stringify(action).slice(0, 80)} → ${r.ok ? 'ok' : `${r.error.code}: ${r.error.message}`}`;
      setLog((l) => [line, ...l].slice(0, 12));
    });
  };

  return (
    <div className="sim">
      <h1>Lane device simulator</h1>
      <div className="sim__grid">
        <section>
          <h2>Scanner</h2>
          <div className="sim__buttons">
            {DEMO_CODES.map((d) => (
              <button key={d.code} type="button" onClick={() => send({ type: 'scan', data: d.code })}>
                {d.label}
                <small>{d.code}</small>
              </button>
            ))}
          </div>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (typed) send({ type: 'scan', data: typed });
            }}
          >
            <label>
              Code <input value={typed} onChange={(e) => setTyped(e.target.value)} aria-label="Code to scan" />
            </label>
            <button type="submit">Scan</button>
          </form>
        </section>
        <section>
          <h2>Bagging scale</h2>
          <label>
            Grams <input type="number" value={bagGrams} onChange={(e) => setBagGrams(Math.trunc(Number(e.target.value)))} aria-label="Bagging grams" />
          </label>
          <div className="sim__buttons">
            <button type="button" onClick={() => send({ type: 'bagGrams', grams: bagGrams })}>
              Place {bagGrams} g
            </button>
            <button type="button" onClick={() => send({ type: 'bagGrams', grams: -bagGrams })}>
              Remove {bagGrams} g
            </button>
            <button type="button" onClick={() => send({ type: 'scaleState', scale: 'baggingScale', state: 'motion' })}>
              Motion
            </button>
          </div>
        </section>
        <section>
          <h2>Produce scale</h2>
          <label>
            Grams <input type="number" value={produceGrams} onChange={(e) => setProduceGrams(Math.trunc(Number(e.target.value)))} aria-label="Produce grams" />
          </label>
          <label>
            <input type="checkbox" checked={stable} onChange={(e) => setStable(e.target.checked)} /> stable
          </label>
          <div className="sim__buttons">
            <button type="button" onClick={() => send({ type: 'produceGrams', grams: produceGrams, stable })}>
              Put {produceGrams} g
            </button>
            <button type="button" onClick={() => send({ type: 'produceGrams', grams: 0, stable: true })}>
              Empty
            </button>
            {(['overload', 'underZero', 'zeroError', 'stable'] as const).map((s) => (
              <button key={s} type="button" onClick={() => send({ type: 'scaleState', scale: 'produceScale', state: s })}>
                {s}
              </button>
            ))}
          </div>
        </section>
        <section>
          <h2>Card terminal (next payment)</h2>
          <div className="sim__buttons">
            {(['approve', 'decline', 'timeout', 'lostCompletion', 'cancel'] as const).map((b) => (
              <button key={b} type="button" onClick={() => send({ type: 'card', behaviour: b })}>
                {b}
              </button>
            ))}
          </div>
        </section>
        <section>
          <h2>Printer</h2>
          <div className="sim__buttons">
            {(['paperOut', 'ok', 'paperNearEnd', 'coverOpen'] as const).map((c) => (
              <button key={c} type="button" onClick={() => send({ type: 'printer', condition: c })}>
                {c === 'ok' ? 'paper ok' : c}
              </button>
            ))}
          </div>
        </section>
        <section>
          <h2>Links</h2>
          <table>
            <tbody>
              {DEVICES.map((d) => (
                <tr key={d}>
                  <th scope="row">{d}</th>
                  <td>{view?.devices[d]?.status ?? '?'}</td>
                  <td>
                    <button type="button" onClick={() => send({ type: 'unplug', device: d })}>
                      unplug
                    </button>
                  </td>
                  <td>
                    <button type="button" onClick={() => send({ type: 'replug', device: d })}>
                      replug
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section>
          <h2>Current view</h2>
          <ViewSummary view={view} connection={connection} />
        </section>
        <section>
          <h2>Replies</h2>
          <ol className="sim__log" aria-live="polite">
            {log.map((l, i) => (
              <li key={`${i}-${l}`}>{l}</li>
            ))}
          </ol>
        </section>
      </div>
    </div>
  );
}
