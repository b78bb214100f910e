// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Language } from '../../contracts/catalogue.ts';
import type { AttendantView } from '../../contracts/view.ts';
import { createI18n } from '../shared/i18n/index.ts';
import { ConsoleApp } from './App.tsx';
import type { BusConnector } from './busSource.ts';
import { useClock } from './context.tsx';
import type { LaneShift } from '../../contracts/bus.ts';
import { DemoBus, demoConnector } from './demoBus.ts';
import { createConsoleStore, SETTLE_MS, type ConsoleStore } from './store.ts';

const NOW = Date.UTC(2025, 5, 2, 14, 0, 0);
const ALEX: AttendantView = { id: 'alex', name: 'Alex', role: 'attendant' };
const SAM: AttendantView = { id: 'sam', name: 'Sam', role: 'supervisor' };

interface Setup {
  store: ConsoleStore;
  bus: DemoBus;
  clock: { t: number };
  alert: ReturnType<typeof vi.fn>;
}

function setup(opts: { attendant?: AttendantView; lanes?: number; language?: Language; respond?: 'auto' | 'manual'; muted?: boolean; busKnowsWho?: boolean } = {}): Setup {
  const clock = { t: NOW };
  const demo = demoConnector({ now: NOW, lanes: opts.lanes ?? 8, attendant: opts.attendant ?? ALEX, respond: opts.respond ?? 'auto' });
  const { bus } = demo;
  // The MQTT bus cannot tell who logged in (attendant: null): the console learns it from the rosters.
  const connect: BusConnector = opts.busKnowsWho === false ? async (c) => ({ ...(await demo.connect(c)), attendant: null }) as Awaited<ReturnType<BusConnector>> : demo.connect;
  const alert = vi.fn();
  const store = createConsoleStore({ connect, now: () => clock.t, alert, language: opts.language ?? 'en', muted: opts.muted ?? false });
  useClock.setState({ now: NOW });
  render(<ConsoleApp store={store} i18n={createI18n(opts.language ?? 'en')} busUrl="ws://127.0.0.1:8083/mqtt" storeId="demo" now={() => clock.t} tick={false} />);
  return { store, bus, clock, alert };
}

async function logIn(s: Setup, id = 'alex', pin = '1234'): Promise<void> {
  fireEvent.change(screen.getByLabelText('Attendant ID'), { target: { value: id } });
  fireEvent.change(screen.getByLabelText('PIN or badge code'), { target: { value: pin } });
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
  });
  expect(s.store.getState().phase).toBe('ready');
}

const item = (laneId: string, kind: string): HTMLElement => {
  const el = document.querySelector<HTMLElement>(`.pane--queue [data-testid=queue-item][data-lane="${laneId}"][data-kind="${kind}"]`);
  if (!el) throw new Error(`no ${kind} on ${laneId} in the queue`);
  return el;
};

afterEach(() => cleanup());

describe('attendant console: log-in', () => {
  function withConnector(connect: BusConnector) {
    const store = createConsoleStore({ connect });
    render(<ConsoleApp store={store} i18n={createI18n('en')} busUrl="ws://10.0.0.5:8083/mqtt" storeId="s1" tick={false} />);
    return store;
  }
  async function submit(id: string, pin: string) {
    fireEvent.change(screen.getByLabelText('Attendant ID'), { target: { value: id } });
    fireEvent.change(screen.getByLabelText('PIN or badge code'), { target: { value: pin } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Log in' })));
  }

  it('passes the attendant id and PIN to the bus as credentials', async () => {
    const connect = vi.fn<BusConnector>(async () => ({ ok: false, reason: 'wrongPin', message: 'wrong user name or PIN' }));
    withConnector(connect);
    await submit(' alex ', '1234');
    expect(connect).toHaveBeenCalledWith({ attendantId: 'alex', secret: '1234' });
  });

  it('says so when the PIN is wrong, and stays on the log-in screen', async () => {
    const store = withConnector(async () => ({ ok: false, reason: 'wrongPin', message: 'wrong user name or PIN' }));
    await submit('alex', '0000');
    expect(screen.getByRole('alert').textContent).toBe('That ID and PIN do not match. Please try again.');
    expect(store.getState().phase).toBe('login');
  });

  it('explains a lockout', async () => {
    withConnector(async () => ({ ok: false, reason: 'lockedOut', message: 'locked' }));
    await submit('alex', '0000');
    expect(screen.getByRole('alert').textContent).toMatch(/locked for a few minutes/);
  });

  it('names the broker address when it cannot be reached', async () => {
    withConnector(async () => ({ ok: false, reason: 'unreachable', message: 'no connection' }));
    await submit('alex', '1234');
    expect(screen.getByRole('alert').textContent).toContain('ws://10.0.0.5:8083/mqtt');
  });
});

describe('attendant console: lanes', () => {
  it('shows a tile per lane with state, basket, time in state and device health', async () => {
    const s = setup();
    await logIn(s);
    const tiles = screen.getAllByTestId('lane-tile');
    expect(tiles.map((t) => t.dataset['lane'])).toEqual(['lane-1', 'lane-2', 'lane-3', 'lane-4', 'lane-5', 'lane-6', 'lane-7', 'lane-8']);
    const lane1 = tiles[0]!;
    expect(lane1.textContent).toContain('Scanning');
    expect(lane1.textContent).toContain('€23.45');
    expect(lane1.textContent).toContain('7 items');
    expect(lane1.textContent).toContain('3:04');
    expect(lane1.textContent).toContain('All devices OK');
    expect(tiles[3]!.textContent).toContain('Receipt printer: the paper is nearly used up');
  });

  it('colours lanes by urgency and shows offline and closed lanes as such', async () => {
    const s = setup();
    await logIn(s);
    const tone = (id: string) => document.querySelector<HTMLElement>(`[data-testid=lane-tile][data-lane="${id}"]`)!.dataset['tone'];
    expect(tone('lane-1')).toBe('attention');
    expect(tone('lane-2')).toBe('urgent'); // waiting over a minute
    expect(tone('lane-3')).toBe('urgent'); // payment trouble
    expect(tone('lane-4')).toBe('notice'); // printer warning
    expect(tone('lane-7')).toBe('closed');
    expect(tone('lane-8')).toBe('offline');
    expect(screen.getAllByTestId('lane-tile')[7]!.textContent).toContain('Offline');
  });

  it('keeps every other lane object (and the id list) identical when one lane changes, so tiles stay memoised', async () => {
    const s = setup({ lanes: 32 });
    await logIn(s);
    const before = s.store.getState();
    act(() => s.bus.setStatus('lane-12', { itemCount: 9, totalMinor: 999 }));
    const after = s.store.getState();
    expect(after.lanes['lane-12']).not.toBe(before.lanes['lane-12']);
    for (const id of before.laneIds) if (id !== 'lane-12') expect(after.lanes[id]).toBe(before.lanes[id]);
    expect(after.laneIds).toBe(before.laneIds);
    expect(screen.getAllByTestId('lane-tile')).toHaveLength(32);
  });
});

describe('attendant console: intervention queue', () => {
  it('lists interventions across lanes, most urgent first, with the detail each kind needs', async () => {
    const s = setup();
    await logIn(s);
    const items = within(document.querySelector<HTMLElement>('.pane--queue')!).getAllByTestId('queue-item');
    expect(items.map((i) => `${i.dataset['lane']}:${i.dataset['kind']}`)).toEqual(['lane-3:paymentTrouble', 'lane-2:weightMismatch', 'lane-1:ageCheck', 'lane-6:unknownItem', 'lane-5:paperOut']);
    expect(item('lane-1', 'ageCheck').textContent).toContain('Lager 0.5 l: from age 18');
    expect(item('lane-2', 'weightMismatch').textContent).toContain('Expected 1.020 kg, measured 1.385 kg');
    expect(item('lane-6', 'unknownItem').textContent).toContain('Unknown code 4012345678901');
    expect(item('lane-3', 'paymentTrouble').textContent).toContain('The card could not be read');
    expect(item('lane-5', 'paperOut').textContent).toContain('Receipt printer is out of paper');
    expect(item('lane-1', 'ageCheck').textContent).toContain('0:42');
  });

  it('sends an approval with an id, an expiry and the attendant, disables the buttons while it is in flight, then shows the reply', async () => {
    const s = setup({ respond: 'manual' });
    await logIn(s);
    const card = item('lane-1', 'ageCheck');
    const approve = within(card).getByRole('button', { name: 'Approve' });
    fireEvent.click(approve);
    expect(approve).toHaveProperty('disabled', true);
    expect(within(card).getByRole('button', { name: 'Deny' })).toHaveProperty('disabled', true);
    fireEvent.click(approve);
    expect(s.bus.sent).toHaveLength(1);
    const sent = s.bus.sent[0]!;
    expect(sent).toMatchObject({ laneId: 'lane-1', command: { type: 'intervention.approve', interventionId: 'iv-1' } });
    expect(sent.id.length).toBeGreaterThanOrEqual(8);
    expect(sent.expiresAt).toBeGreaterThan(NOW);
    await act(async () => s.bus.flush());
    const resolved = document.querySelector<HTMLElement>('.pane--queue [data-kind=ageCheck]')!;
    expect(resolved.dataset['state']).toBe('resolved');
    expect(resolved.textContent).toContain('Approved by you');
    expect(resolved.textContent).toContain('Done');
  });

  it('shows an intervention resolved at another console as resolved, with no actions left', async () => {
    const s = setup();
    await logIn(s);
    act(() => s.bus.resolveElsewhere('lane-6', 'iv-6', 'sam'));
    const card = document.querySelector<HTMLElement>('.pane--queue [data-kind=unknownItem]')!;
    expect(card.dataset['state']).toBe('resolved');
    expect(card.textContent).toContain('Approved by sam');
    expect(within(card).queryByRole('button')).toBeNull();
  });

  it('says who was first when the lane refuses a second resolution', async () => {
    const s = setup({ respond: 'manual' });
    await logIn(s);
    fireEvent.click(within(item('lane-6', 'unknownItem')).getByRole('button', { name: 'Approve' }));
    act(() => s.bus.resolveElsewhere('lane-6', 'iv-6', 'sam', 'denied'));
    await act(async () => s.bus.flush());
    const card = document.querySelector<HTMLElement>('.pane--queue [data-kind=unknownItem]')!;
    expect(within(card).getByRole('alert').textContent).toBe('Already resolved by sam');
    expect(card.textContent).toContain('Denied by sam');
  });

  it('drops resolved items after a few seconds', async () => {
    const s = setup();
    await logIn(s);
    act(() => s.bus.resolveElsewhere('lane-6', 'iv-6', 'sam'));
    s.clock.t += 7000;
    act(() => s.store.getState().sweep());
    expect(document.querySelector('.pane--queue [data-kind=unknownItem]')).toBeNull();
  });

  it('alerts (sound and a "New" mark) when an intervention arrives, but not for those pending at log-in', async () => {
    const s = setup();
    await logIn(s);
    expect(s.alert).not.toHaveBeenCalled();
    s.clock.t += SETTLE_MS;
    act(() => s.bus.raise('lane-4', { id: 'iv-new', kind: 'help', since: s.clock.t, blocking: false, detail: {} }));
    expect(s.alert).toHaveBeenCalledTimes(1);
    expect(item('lane-4', 'help').textContent).toContain('New');
    expect(screen.getByTestId('waiting').textContent).toBe('6 waiting');
  });

  it('makes no sound when muted', async () => {
    const s = setup({ muted: true });
    await logIn(s);
    s.clock.t += SETTLE_MS;
    act(() => s.bus.raise('lane-4', { id: 'iv-new', kind: 'help', since: s.clock.t, blocking: false, detail: {} }));
    expect(s.alert).not.toHaveBeenCalled();
  });

  it('renders a 100-item queue across 32 lanes', async () => {
    const s = setup({ lanes: 32 });
    await logIn(s);
    s.clock.t += SETTLE_MS;
    act(() => {
      for (let i = 0; i < 95; i++) s.bus.raise(`lane-${(i % 32) + 1}`, { id: `bulk-${i}`, kind: 'help', since: NOW - i * 1000, blocking: false, detail: {} });
    });
    expect(within(document.querySelector<HTMLElement>('.pane--queue')!).getAllByTestId('queue-item')).toHaveLength(100);
  });
});

describe('attendant console: lane actions', () => {
  it('hides price override and lane close/open from an attendant', async () => {
    const s = setup({ attendant: ALEX });
    await logIn(s);
    fireEvent.click(screen.getAllByTestId('lane-tile')[0]!);
    const detail = screen.getByTestId('lane-detail');
    expect(within(detail).getByRole('button', { name: 'Void Lager 0.5 l' })).toBeTruthy();
    expect(within(detail).getByRole('button', { name: 'Cancel transaction' })).toBeTruthy();
    expect(within(detail).getByRole('button', { name: 'Reprint receipt' })).toBeTruthy();
    expect(within(detail).queryByRole('button', { name: 'Change price' })).toBeNull();
    expect(within(detail).queryByRole('button', { name: 'Close lane' })).toBeNull();
  });

  it('lets a supervisor close a lane and open a closed one', async () => {
    const s = setup({ attendant: SAM });
    await logIn(s, 'sam', '9999');
    fireEvent.click(screen.getAllByTestId('lane-tile')[3]!);
    await act(async () => fireEvent.click(within(screen.getByTestId('lane-detail')).getByRole('button', { name: 'Close lane' })));
    expect(s.bus.sent.at(-1)).toMatchObject({ laneId: 'lane-4', command: { type: 'lane.close', reason: 'Staff break' } });
    expect(within(screen.getByTestId('lane-detail')).getByRole('button', { name: 'Open lane' })).toBeTruthy();
    expect(within(screen.getByTestId('lane-detail')).getByRole('status').textContent).toBe('Done');
  });

  it('asks before cancelling a transaction, then sends it', async () => {
    const s = setup();
    await logIn(s);
    fireEvent.click(screen.getAllByTestId('lane-tile')[1]!);
    const detail = screen.getByTestId('lane-detail');
    fireEvent.click(within(detail).getByRole('button', { name: 'Cancel transaction' }));
    expect(s.bus.sent).toHaveLength(0);
    await act(async () => fireEvent.click(within(detail).getByRole('button', { name: 'Yes' })));
    expect(s.bus.sent.at(-1)).toMatchObject({ laneId: 'lane-2', command: { type: 'transaction.cancel' } });
  });
});

describe('attendant console: shift summary and languages', () => {
  it('shows island and per-lane figures with a chart', async () => {
    const s = setup();
    await logIn(s);
    fireEvent.click(screen.getByRole('tab', { name: 'Shift' }));
    const summary = screen.getByTestId('summary');
    for (const label of ['Transactions', 'Items per minute', 'Median time to resolve', '90% resolved within']) expect(summary.textContent).toContain(label);
    expect(within(within(summary).getByTestId('per-lane')).getAllByRole('row')).toHaveLength(1 + 8);
    expect(within(summary).getByTestId('chart').querySelectorAll('.chart__bar').length).toBeGreaterThan(3);
  });

  it('speaks Persian right to left with Persian digits', async () => {
    const s = setup({ language: 'fa' });
    await act(async () => s.store.getState().login({ attendantId: 'alex', secret: '1234' }));
    expect(document.documentElement.dir).toBe('rtl');
    expect(screen.getByTestId('console-app').getAttribute('dir')).toBe('rtl');
    expect(screen.getAllByTestId('lane-tile')[0]!.textContent).toContain('صندوق ۱');
  });
});

describe('attendant console: roles from the lanes rosters', () => {
  it('shows supervisor actions to a supervisor the bus could not name, once the lanes roster says so', async () => {
    const s = setup({ attendant: SAM, busKnowsWho: false });
    await logIn(s, 'sam', '9999');
    expect(s.store.getState().me).toEqual({ id: 'sam', name: 'Sam', role: 'supervisor' });
    fireEvent.click(screen.getAllByTestId('lane-tile')[0]!);
    const detail = screen.getByTestId('lane-detail');
    expect(within(detail).getAllByRole('button', { name: 'Change price' }).length).toBe(7);
    expect(within(detail).getByRole('button', { name: 'Close lane' })).toBeTruthy();
  });

  it('shows no supervisor actions to an attendant the bus could not name', async () => {
    const s = setup({ attendant: ALEX, busKnowsWho: false });
    await logIn(s);
    expect(s.store.getState().me).toEqual({ id: 'alex', name: 'Alex', role: 'attendant' });
    fireEvent.click(screen.getAllByTestId('lane-tile')[0]!);
    const detail = screen.getByTestId('lane-detail');
    expect(within(detail).queryByRole('button', { name: 'Change price' })).toBeNull();
    expect(within(detail).queryByRole('button', { name: 'Close lane' })).toBeNull();
  });

  it('goes by the role the lane itself gives: a lane whose roster lists someone as attendant shows them no supervisor actions', async () => {
    const s = setup({ attendant: SAM });
    await logIn(s, 'sam', '9999');
    act(() => s.bus.setStatus('lane-1', { staff: [{ id: 'sam', name: 'Sam', role: 'attendant' }] }));
    fireEvent.click(screen.getAllByTestId('lane-tile')[0]!);
    expect(within(screen.getByTestId('lane-detail')).queryByRole('button', { name: 'Change price' })).toBeNull();
    act(() => s.store.getState().selectLane('lane-2'));
    expect(within(screen.getByTestId('lane-detail')).getAllByRole('button', { name: 'Change price' }).length).toBe(4);
  });
});

describe('attendant console: basket lines in the lane detail', () => {
  it('lists every line with quantity or weight, unit price and total', async () => {
    const s = setup();
    await logIn(s);
    fireEvent.click(screen.getAllByTestId('lane-tile')[0]!);
    const lines = within(screen.getByTestId('lane-detail')).getAllByTestId('basket-line');
    expect(lines.map((l) => l.dataset['line'])).toEqual(['l-1', 'l-2', 'l-3', 'l-4', 'l-5', 'l-6', 'l-7']);
    expect(lines[3]!.textContent).toContain('Coffee beans 500 g');
    expect(lines[3]!.textContent).toContain('€8.99');
    expect(lines[2]!.textContent).toContain('1.020 kg');
    expect(lines[2]!.textContent).toContain('€3.05');
  });

  it('an attendant voids any line, also one no intervention points at', async () => {
    const s = setup();
    await logIn(s);
    fireEvent.click(screen.getAllByTestId('lane-tile')[0]!);
    await act(async () => fireEvent.click(within(screen.getByTestId('lane-detail')).getByRole('button', { name: 'Void Coffee beans 500 g' })));
    expect(s.bus.sent.at(-1)).toMatchObject({ laneId: 'lane-1', command: { type: 'item.void', lineId: 'l-4' } });
    const lines = within(screen.getByTestId('lane-detail')).getAllByTestId('basket-line');
    expect(lines.map((l) => l.dataset['line'])).not.toContain('l-4');
  });

  it('a supervisor overrides the unit price of a line; a price that is not a whole number of cents is not sent', async () => {
    const s = setup({ attendant: SAM });
    await logIn(s, 'sam', '9999');
    fireEvent.click(screen.getAllByTestId('lane-tile')[0]!);
    const coffee = within(screen.getByTestId('lane-detail')).getAllByTestId('basket-line')[3]!;
    fireEvent.click(within(coffee).getByRole('button', { name: 'Change price' }));
    const input = within(coffee).getByRole('textbox');
    fireEvent.change(input, { target: { value: 'abc' } });
    expect(within(coffee).getByRole('button', { name: 'Apply' })).toHaveProperty('disabled', true);
    fireEvent.change(input, { target: { value: '699' } });
    await act(async () => fireEvent.click(within(coffee).getByRole('button', { name: 'Apply' })));
    expect(s.bus.sent.at(-1)).toMatchObject({ laneId: 'lane-1', command: { type: 'price.override', lineId: 'l-4', unitPriceMinor: 699 } });
    expect(within(screen.getByTestId('lane-detail')).getAllByTestId('basket-line')[3]!.textContent).toContain('€6.99');
  });

  it('says how many earlier lines a very long basket leaves out', async () => {
    const s = setup();
    await logIn(s);
    act(() => s.bus.setStatus('lane-1', { linesOmitted: 12 }));
    fireEvent.click(screen.getAllByTestId('lane-tile')[0]!);
    expect(screen.getByTestId('lane-detail').textContent).toContain('12 earlier lines not shown');
  });
});

describe('attendant console: the shift from the lanes own figures', () => {
  const shift = (laneId: string, over: Partial<LaneShift>): LaneShift => ({
    laneId,
    from: NOW - 6 * 3600_000,
    to: NOW - 60_000,
    completed: 10,
    cancelled: 0,
    suspended: 0,
    items: 100,
    transactionMs: 50 * 60_000,
    itemsPerMinute: 2,
    interventionsByKind: {},
    timeToResolve: { count: 0, medianMs: null, p90Ms: null },
    timeToResolveByKind: {},
    resolveSamplesMs: {},
    samplesComplete: true,
    updatedAt: NOW,
    ...over,
  });

  it('uses the lanes figures since the shift start and pools resolve times for the island', async () => {
    const s = setup({ lanes: 2 });
    await logIn(s);
    act(() => {
      s.bus.setShift('lane-1', shift('lane-1', { interventionsByKind: { ageCheck: 3 }, resolveSamplesMs: { ageCheck: [10_000, 20_000, 30_000] }, timeToResolve: { count: 3, medianMs: 20_000, p90Ms: 30_000 } }));
      s.bus.setShift('lane-2', shift('lane-2', { completed: 30, items: 300, transactionMs: 100 * 60_000, interventionsByKind: { help: 1 }, resolveSamplesMs: { help: [600_000] } }));
    });
    fireEvent.click(screen.getByRole('tab', { name: 'Shift' }));
    const summary = screen.getByTestId('summary');
    expect(within(summary).getByTestId('summary-source').textContent).toMatch(/from the lanes’ journals/);
    expect(within(summary).queryByTestId('summary-approximate')).toBeNull();
    const island = summary.querySelector('.summary__island')!;
    expect(island.textContent).toContain('40'); // transactions
    expect(island.textContent).toContain('400'); // items
    // Median of the pooled samples 10, 20, 30, 600 s is 20 s (a median of lane medians would not be).
    expect(island.textContent).toContain('0:20');
    expect(island.textContent).toContain('10:00');
    const byKind = within(summary).getByTestId('resolve-by-kind');
    expect(within(byKind).getAllByRole('row')).toHaveLength(1 + 2);
  });

  it('states the intervention rate per 100 transactions with the counts it comes from (4 in 3, not "133 %")', async () => {
    const s = setup({ lanes: 1 });
    await logIn(s);
    act(() => s.bus.setShift('lane-1', shift('lane-1', { completed: 2, cancelled: 1, interventionsByKind: { ageCheck: 2, help: 1, weightMismatch: 1 } })));
    fireEvent.click(screen.getByRole('tab', { name: 'Shift' }));
    const island = screen.getByTestId('summary').querySelector<HTMLElement>('.summary__island')!;
    const stat = (label: string) => [...island.querySelectorAll('.stat')].find((e) => e.querySelector('dt')?.textContent === label)?.querySelector('dd')?.textContent;
    expect(stat('Transactions ended')).toBe('32 completed · 1 cancelled');
    expect(stat('Interventions')).toBe('4');
    expect(stat('Interventions per 100 transactions')).toBe('1334 interventions in 3 transactions');
    const row = within(screen.getByTestId('per-lane')).getAllByRole('row')[1]!;
    expect([...row.querySelectorAll('td')].map((c) => c.textContent)).toEqual(['3', '100', '2.0', '4', '133', '–', '–']);
    // The chart's bars are the same figure by kind, on a stated scale: 67 + 33 + 33 = 133.
    const chart = screen.getByTestId('chart');
    expect([...chart.querySelectorAll('.chart__value')].map((e) => e.textContent)).toEqual(['66.7', '33.3', '33.3']);
    expect(within(screen.getByTestId('summary')).getByTestId('chart-scale').textContent).toBe('Scale: 0 to 100 per 100 transactions');
  });

  it('says the island figures are approximate when a lane sent only part of its samples', async () => {
    const s = setup({ lanes: 2 });
    await logIn(s);
    act(() => s.bus.setShift('lane-1', shift('lane-1', { samplesComplete: false, resolveSamplesMs: { help: [1000] } })));
    fireEvent.click(screen.getByRole('tab', { name: 'Shift' }));
    expect(screen.getByTestId('summary-approximate').textContent).toMatch(/approximate/);
  });
});

describe('attendant console: basket money', () => {
  it('shows each line after its discount, and the lines add up to the lane total', async () => {
    const s = setup({ lanes: 1 });
    await logIn(s);
    act(() =>
      s.bus.setStatus('lane-1', {
        totalMinor: 596,
        itemCount: 3,
        linesOmitted: 0,
        lines: [
          { lineId: 'a', name: 'Pasta 500 g', quantity: 2, unitPriceMinor: 123, totalMinor: 246, discountMinor: 46 },
          { lineId: 'b', name: 'Coffee 250 g', quantity: 1, unitPriceMinor: 469, totalMinor: 469, discountMinor: 73 },
        ],
      }),
    );
    fireEvent.click(screen.getAllByTestId('lane-tile')[0]!);
    const detail = screen.getByTestId('lane-detail');
    const nets = within(detail).getAllByTestId('line-net').map((e) => e.textContent);
    expect(nets).toEqual(['€2.00', '€3.96']);
    expect(within(detail).getAllByTestId('line-before-discount').map((e) => e.textContent)).toEqual(['€2.46', '€4.69']);
    expect(detail.querySelector('.detail__basket strong')?.textContent).toBe('€5.96');
  });
});

describe('attendant console: one viewer, one language', () => {
  it('names basket lines and the items of interventions in the console’s language, not the shopper’s', async () => {
    const s = setup({ lanes: 1, language: 'de' });
    await act(async () => s.store.getState().login({ attendantId: 'alex', secret: '1234' }));
    act(() => {
      s.bus.setStatus('lane-1', {
        totalMinor: 129,
        itemCount: 1,
        linesOmitted: 0,
        lines: [
          // The shopper chose Persian: the lane's own name for the line is in Persian.
          { lineId: 'a', name: 'آبجو', names: { en: 'Lager 0.5 l', de: 'Lagerbier 0,5 l', fa: 'آبجو' }, quantity: 1, unitPriceMinor: 129, totalMinor: 129, ageLimit: 16 },
          // No German name in the catalogue: the stated fallback is English.
          { lineId: 'b', name: 'نان', names: { en: 'Sourdough bread', fa: 'نان' }, quantity: 1, unitPriceMinor: 249, totalMinor: 249 },
        ],
      });
      s.bus.raise('lane-1', { id: 'iv-x', kind: 'ageCheck', since: NOW, blocking: true, detail: { itemName: 'Lager 0.5 l', ageLimit: 16, lineId: 'a' } });
    });
    fireEvent.click(screen.getAllByTestId('lane-tile')[0]!);
    const detail = screen.getByTestId('lane-detail');
    expect([...detail.querySelectorAll('.detail__line-name')].map((e) => e.textContent)).toEqual(['Lagerbier 0,5 l', 'Sourdough bread']);
    expect([...detail.querySelectorAll('[data-kind=ageCheck] .qi__detail')].map((e) => e.textContent)).toContain('Lagerbier 0,5 l: ab 16 Jahren');
  });
});

describe('attendant console: suspend and recall', () => {
  it('asks before suspending, sends transaction.suspend, then offers the parked basket for recall at that lane', async () => {
    const s = setup();
    await logIn(s);
    fireEvent.click(screen.getAllByTestId('lane-tile')[0]!);
    const detail = () => screen.getByTestId('lane-detail');
    fireEvent.click(within(detail()).getByRole('button', { name: 'Suspend transaction' }));
    expect(s.bus.sent).toHaveLength(0);
    await act(async () => fireEvent.click(within(detail()).getByRole('button', { name: 'Yes' })));
    expect(s.bus.sent.at(-1)).toMatchObject({ laneId: 'lane-1', command: { type: 'transaction.suspend' } });
    const parked = within(detail()).getByTestId('suspended-basket');
    expect(parked.dataset['tx']).toBe('tx-1');
    expect(parked.textContent).toContain('7 items');
    expect(parked.textContent).toContain('€23.45');
    await act(async () => fireEvent.click(within(parked).getByRole('button', { name: 'Recall basket' })));
    expect(s.bus.sent.at(-1)).toMatchObject({ laneId: 'lane-1', command: { type: 'transaction.resume', transactionId: 'tx-1' } });
    expect(within(detail()).queryByTestId('suspended-basket')).toBeNull();
    expect(within(detail()).getAllByTestId('basket-line')).toHaveLength(7);
  });

  it('offers no recall while the lane has a transaction open', async () => {
    const s = setup();
    await logIn(s);
    act(() => s.bus.setStatus('lane-2', { suspended: [{ transactionId: 'tx-old', itemCount: 2, totalMinor: 500, at: NOW - 600_000 }] }));
    fireEvent.click(screen.getAllByTestId('lane-tile')[1]!);
    const parked = within(screen.getByTestId('lane-detail')).getByTestId('suspended-basket');
    expect(within(parked).getByRole('button', { name: 'Recall basket' })).toHaveProperty('disabled', true);
  });
});
