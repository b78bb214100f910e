// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SimAction } from '../../contracts/protocol.ts';
import { ClientProvider } from '../shared/ClientContext.tsx';
import { buildView } from '../shared/fixtures.ts';
import { mockClient } from '../shopper/testing.tsx';
import { SimulatorPanel } from './SimulatorPanel.tsx';

afterEach(cleanup);

function setup() {
  const client = mockClient();
  render(
    <ClientProvider value={client}>
      <SimulatorPanel view={buildView('scanning', { seq: 7 })} connection="open" />
    </ClientProvider>,
  );
  return { client, actions: () => client.sim.mock.calls.map((c) => c[0]) };
}

describe('Simulator panel', () => {
  it('scans a demo code and a typed code', () => {
    const { actions } = setup();
    fireEvent.click(screen.getByRole('button', { name: /Unknown item/ }));
    fireEvent.change(screen.getByLabelText('Code to scan'), { target: { value: '12345670' } });
    fireEvent.click(screen.getByRole('button', { name: 'Scan' }));
    expect(actions()).toEqual([
      { type: 'scan', data: '4000000000017' },
      { type: 'scan', data: '12345670' },
    ]);
  });
  it('places and removes grams on the bagging scale and weighs produce', () => {
    const { actions } = setup();
    fireEvent.change(screen.getByLabelText('Bagging grams'), { target: { value: '532' } });
    fireEvent.click(screen.getByRole('button', { name: 'Place 532 g' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove 532 g' }));
    fireEvent.click(screen.getByRole('button', { name: 'Put 1234 g' }));
    fireEvent.click(screen.getByRole('button', { name: 'overload' }));
    expect(actions()).toEqual([
      { type: 'bagGrams', grams: 532 },
      { type: 'bagGrams', grams: -532 },
      { type: 'produceGrams', grams: 1234, stable: true },
      { type: 'scaleState', scale: 'produceScale', state: 'overload' },
    ]);
  });
  it('scripts the card, the printer and device links with valid SimActions', () => {
    const { actions } = setup();
    for (const name of ['approve', 'decline', 'timeout', 'lostCompletion', 'paperOut', 'paper ok']) fireEvent.click(screen.getByRole('button', { name }));
    const printerRow = screen.getByRole('row', { name: /printer/ });
    fireEvent.click(within(printerRow).getByRole('button', { name: 'unplug' }));
    fireEvent.click(within(printerRow).getByRole('button', { name: 'replug' }));
    expect(actions().slice(-2)).toEqual([
      { type: 'unplug', device: 'printer' },
      { type: 'replug', device: 'printer' },
    ]);
    for (const a of actions()) expect(SimAction.safeParse(a).success).toBe(true);
  });
  it('summarises the current view', () => {
    setup();
    const summary = screen.getByTestId('summary');
    expect(summary.textContent).toContain('seq 7');
    expect(screen.getByTestId('summary-screen').textContent).toBe('scanning');
    expect(summary.textContent).toContain('€19.07');
  });
});
